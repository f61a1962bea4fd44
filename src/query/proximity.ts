import { analyzerFor, EXACT_MARK } from '../analysis/analyzer.ts';
import type { ArticleIndex } from '../index/article-index.ts';
import type { Leaf } from './compile-query.ts';

/** Two query words further apart than this many words say nothing about each other. */
const WINDOW = 8;

/**
 * How closely the query's words stand together in an article: for each occurrence of a query
 * word, the nearest earlier occurrence of each other query word within a few words adds the
 * product of their weights over the squared distance (after Büttcher, Clarke and Lushman's
 * term proximity, 2006). Normalised so that every pair side by side once gives 1; title and
 * body are apart.
 *
 * @param leafOf the leaf of each word number that belongs to one (`leafWords`)
 * @param weights one per leaf (their rarity)
 */
export function proximity(index: ArticleIndex, doc: number, leafOf: ReadonlyMap<number, number>, weights: readonly number[]): number {
  const leaves = weights.length;
  const last = new Int32Array(leaves).fill(-WINDOW - 1);
  const words = index.phrases.wordsOf(doc);
  let total = 0;
  for (let at = 0; at < words.length; at++) {
    const id = words[at]!;
    if (id === 0) {
      last.fill(-WINDOW - 1);
      continue;
    }
    const leaf = leafOf.get(id);
    if (leaf === undefined) continue;
    for (let other = 0; other < leaves; other++) {
      const distance = at - last[other]!;
      if (other !== leaf && distance <= WINDOW) total += (weights[leaf]! * weights[other]!) / (distance * distance);
    }
    last[leaf] = at;
  }
  let pairs = 0;
  for (let a = 0; a < leaves; a++) for (let b = a + 1; b < leaves; b++) pairs += weights[a]! * weights[b]!;
  return pairs > 0 ? total / pairs : 0;
}

/**
 * Which leaf each word number belongs to, for the words the archive has: a word belongs to a
 * leaf when it is one of the leaf's exact forms or analyses to one of its stems. Words sharing
 * a stem nearly always start with it (`presid`: president, presidency), or with all but its
 * final i (`happi`: happy), so only those words are analysed.
 */
export function leafWords(index: ArticleIndex, leaves: readonly Leaf[]): Map<number, number> {
  const analyzers = index.languages.map((language) => analyzerFor(language));
  const byWord = new Map<number, number>();
  leaves.forEach((leaf, number) => {
    if (leaf.phrase !== undefined) return;
    for (const term of leaf.terms) {
      const words = term.startsWith(EXACT_MARK)
        ? [term.slice(EXACT_MARK.length)]
        : [...index.words.atPrefix(term.endsWith('i') ? term.slice(0, -1) : term).keys()].filter((word) =>
            analyzers.some((analyzer) => analyzer.term(word) === term),
          );
      for (const word of words) {
        const id = index.phrases.idsOf([word])?.[0];
        if (id !== undefined && !byWord.has(id)) byWord.set(id, number);
      }
    }
  });
  return byWord;
}

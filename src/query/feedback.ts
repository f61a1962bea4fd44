import { foldWord, tokenize } from '../analysis/analyze.ts';
import { analyzerFor } from '../analysis/analyzer.ts';
import type { ArticleIndex } from '../index/article-index.ts';

/**
 * The words that best characterise a few top-ranked articles (pseudo-relevance feedback, after
 * RM3): each stem's share of each article's words, summed over the articles and weighted by how
 * rare the word is in the archive. A question in full sentences rarely uses the words its best
 * answers use; their most telling shared words find those answers.
 *
 * @returns index terms (stems), most telling first, without those in `exclude`
 */
export function feedbackTerms(index: ArticleIndex, docs: readonly number[], count: number, exclude: ReadonlySet<string>): string[] {
  const weights = new Map<string, number>();
  const total = Math.max(1, index.size);
  for (const doc of docs) {
    const article = index.articles[doc]!;
    const analyzer = analyzerFor(article.lang);
    const counts = new Map<string, { count: number; word: string }>();
    let length = 0;
    for (const token of tokenize(`${article.title}\n${article.body}`)) {
      if (token.compound) continue;
      const term = analyzer.term(token.word);
      if (term === undefined || /\d/.test(term) || term.length < 3) continue;
      length++;
      const entry = counts.get(term);
      if (entry) entry.count++;
      else counts.set(term, { count: 1, word: foldWord(token.word) });
    }
    for (const [term, { count, word }] of counts) {
      if (exclude.has(term)) continue;
      const frequency = index.words.get(word) ?? 1;
      const rarity = Math.log(1 + total / frequency);
      weights.set(term, (weights.get(term) ?? 0) + (count / length) * rarity);
    }
  }
  return [...weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([term]) => term);
}

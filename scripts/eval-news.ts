/**
 * "No loss on news-style queries": a known-item evaluation on real news. For each article of a
 * news corpus, queries a person might type to find it again are made from its own words, and
 * the article's rank is scored (MRR@10, success@1), for Broadsheet and for raw MiniSearch with
 * default options on the same articles.
 *
 *   npx tsx scripts/eval-news.ts [--corpora ../shared/corpora/news] [--sample 500]
 *
 * Query kinds: `names`, the two rarest words of the title (how people remember a story);
 * `detail`, the three rarest words of the first paragraph that are not in the title.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Article } from '../src/article.ts';
import { foldWord, tokenize } from '../src/analysis/analyze.ts';
import { analyzerFor } from '../src/analysis/analyzer.ts';
import { minisearchDefaults } from '../src/index/minisearch-baseline.ts';
import { streamArticles } from '../src/ingest/index.ts';
import { libraryFromArticles } from '../src/query/create-library.ts';

const CORPORA = (process.env.CORPORA ?? 'wikinews,bbc,reuters21578').split(',');

function rarestWords(text: string, count: number, frequency: Map<string, number>, skip: Set<string>): string[] {
  const english = analyzerFor('en');
  const words = [...new Set(tokenize(text).filter((t) => !t.compound && !english.isStopWord(t.word) && !/\d/.test(t.word)).map((t) => foldWord(t.word)))];
  return words
    .filter((word) => word.length > 2 && !skip.has(word))
    .sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0))
    .slice(0, count);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpora: { type: 'string', default: '../shared/corpora/news' }, sample: { type: 'string', default: '500' } } });
  console.log(`${'corpus'.padEnd(22)}${'queries'.padStart(6)}${'MRR@10 ours'.padStart(13)}${'MRR@10 base'.padStart(13)}${'S@1 ours'.padStart(10)}${'S@1 base'.padStart(10)}`);
  for (const name of CORPORA) {
    const articles: Article[] = [];
    for await (const item of streamArticles([join(values.corpora!, name, 'articles.jsonl')])) if (item.kind === 'article') articles.push(item.article);
    const frequency = new Map<string, number>();
    for (const article of articles) for (const token of tokenize(`${article.title} ${article.body}`)) {
      const word = foldWord(token.word);
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
    const library = libraryFromArticles(articles);
    const baseline = minisearchDefaults(articles.map((a) => ({ id: a.id, title: a.title, text: a.body })));
    const step = Math.max(1, Math.floor(articles.length / Number(values.sample)));
    const sample = articles.filter((_, i) => i % step === 0);
    for (const kind of ['names', 'detail'] as const) {
      const scores = { ours: [] as number[], base: [] as number[] };
      for (const article of sample) {
        const titleWords = new Set(tokenize(article.title).map((t) => foldWord(t.word)));
        const words =
          kind === 'names'
            ? rarestWords(article.title, 2, frequency, new Set())
            : rarestWords(article.body.split('\n')[0] ?? '', 3, frequency, titleWords);
        if (words.length === 0) continue;
        const q = words.join(' ');
        const ours = library.search({ q, sources: [], tags: [], sort: 'relevance', offset: 0, limit: 10, typing: false }).hits.map((h) => h.id);
        const base = baseline(q, 10);
        scores.ours.push(1 / (ours.indexOf(article.id) + 1 || Infinity));
        scores.base.push(1 / (base.indexOf(article.id) + 1 || Infinity));
      }
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
      const s1 = (xs: number[]) => xs.filter((x) => x === 1).length / Math.max(1, xs.length);
      console.log(
        `${`${name}/${kind}`.padEnd(22)}${String(scores.ours.length).padStart(6)}${mean(scores.ours).toFixed(3).padStart(13)}${mean(scores.base).toFixed(3).padStart(13)}${s1(scores.ours).toFixed(3).padStart(10)}${s1(scores.base).toFixed(3).padStart(10)}`,
      );
    }
  }
}

await main();

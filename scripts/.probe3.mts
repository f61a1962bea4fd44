import type { Article } from '../src/article.ts';
import { foldWord, tokenize } from '../src/analysis/analyze.ts';
import { analyzerFor } from '../src/analysis/analyzer.ts';
import { minisearchDefaults } from '../src/index/minisearch-baseline.ts';
import { streamArticles } from '../src/ingest/index.ts';
import { libraryFromArticles } from '../src/query/create-library.ts';
const articles: Article[] = [];
for await (const item of streamArticles(['../shared/corpora/news/bbc/articles.jsonl'])) if (item.kind === 'article') articles.push(item.article);
const frequency = new Map<string, number>();
for (const a of articles) for (const t of tokenize(`${a.title} ${a.body}`)) { const w = foldWord(t.word); frequency.set(w, (frequency.get(w) ?? 0) + 1); }
const library = libraryFromArticles(articles);
const baseline = minisearchDefaults(articles.map((a) => ({ id: a.id, title: a.title, text: a.body })));
const en = analyzerFor('en');
let shown = 0;
for (let i = 0; i < articles.length && shown < 12; i += 4) {
  const a = articles[i]!;
  const tw = new Set(tokenize(a.title).map((t) => foldWord(t.word)));
  const words = [...new Set(tokenize(a.body.split('\n')[0] ?? '').filter((t) => !t.compound && !en.isStopWord(t.word) && !/\d/.test(t.word)).map((t) => foldWord(t.word)))].filter((w) => w.length > 2 && !tw.has(w)).sort((x, y) => (frequency.get(x) ?? 0) - (frequency.get(y) ?? 0)).slice(0, 3);
  const q = words.join(' ');
  const r = library.search({ q, sources: [], tags: [], sort: 'relevance', offset: 0, limit: 10, typing: false });
  const ours = r.hits.map((h) => h.id).indexOf(a.id);
  const base = baseline(q, 10).indexOf(a.id);
  if (base === 0 && ours !== 0) { shown++; console.log(q, '| ours', ours, '| total', r.total, r.notices, '| top', r.hits[0]?.title); }
}

import { readArticles } from '../src/ingest/index.ts';
import { buildIndex } from '../src/index/article-index.ts';
const r = await readArticles([process.argv[2]!]);
const t = performance.now(); buildIndex(r.articles); console.log('build', (performance.now() - t).toFixed(0));

import { readArticles } from '../src/ingest/index.ts';
import { buildIndex } from '../src/index/article-index.ts';
import { saveSnapshot, loadSnapshot } from '../src/index/snapshot.ts';
import { createLibrary } from '../src/query/create-library.ts';
const file = process.argv[2]!;
let t = performance.now();
const r = await readArticles([file]);
console.log('read', (performance.now() - t).toFixed(0), r.articles.length);
t = performance.now(); const idx = buildIndex(r.articles); console.log('build', (performance.now() - t).toFixed(0));
globalThis.gc?.(); console.log('heap MB', (process.memoryUsage().heapUsed / 1e6).toFixed(0));
t = performance.now(); const saved = await saveSnapshot(idx, '/tmp/scratch/p.idx'); console.log('save', (performance.now() - t).toFixed(0), saved);
t = performance.now(); const lib = createLibrary(await loadSnapshot('/tmp/scratch/p.idx')); console.log('load', (performance.now() - t).toFixed(0));
const queries = ['states', 'government', 'unwarrantably', 'congress tax', 'fiscal policy reform', '"the people"', 'pres', 'presi', 'govern*', 'goverment', 'states'];
for (const q of queries) {
  const req = { q, sources: [], tags: [], sort: 'relevance' as const, offset: 0, limit: 10 };
  lib.search(req);
  const times = [];
  let res;
  for (let i = 0; i < 5; i++) { const s = performance.now(); res = lib.search(req); times.push(performance.now() - s); }
  times.sort((a, b) => a - b);
  console.log(q.padEnd(24), String(res!.total).padStart(7), 'median', times[2]!.toFixed(1), 'max', times[4]!.toFixed(1));
}
const f = { q: 'states', sources: ['Expensive Times'], tags: [], sort: 'newest' as const, offset: 0, limit: 10, from: '2010-01-01', to: '2015-12-31' };
let s = performance.now(); lib.search(f); console.log('filtered+sorted', (performance.now() - s).toFixed(1));
s = performance.now(); lib.search({ ...f, q: '' }); console.log('browse filtered', (performance.now() - s).toFixed(1));
s = performance.now(); lib.search({ ...f, q: '', sources: [], from: undefined, to: undefined }); console.log('browse all', (performance.now() - s).toFixed(1));

import { loadSnapshot } from '../src/index/snapshot.ts';
import { createLibrary } from '../src/query/create-library.ts';
const lib = createLibrary(await loadSnapshot('/tmp/scratch/p.idx'));
const qs = process.argv.slice(2);
for (const q of qs) {
  const req = { q, sources: [], tags: [], sort: 'relevance' as const, offset: 0, limit: 10 };
  const times = [];
  for (let i = 0; i < 10; i++) { const s = performance.now(); lib.search(req); times.push(performance.now() - s); }
  times.sort((a, b) => a - b);
  console.log(q.padEnd(20), 'median', times[5]!.toFixed(1), 'max', times[9]!.toFixed(1));
}

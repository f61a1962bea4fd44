import { readFile } from 'node:fs/promises';
import { parseQueries } from '../src/eval/run-eval.ts';
import { parseQueryString } from '../src/query/parse-query-string.ts';
for (const c of ['cacm', 'cranfield', 'cisi', 'npl', 'med']) {
  const qs = parseQueries(await readFile(`../shared/corpora/ir/${c}/queries.tsv`, 'utf8'));
  let nonplain = 0;
  for (const q of qs) {
    const p = parseQueryString(q.text);
    const r = p.root;
    const plain = r && r.type === 'and' && r.children.every((x) => x.type === 'word' || x.type === 'not');
    if (!plain) { nonplain++; if (nonplain < 4) console.log(c, JSON.stringify(q.text).slice(0, 150), p.notices, r?.type); }
  }
  console.log(c, 'non-plain', nonplain, 'of', qs.length);
}

import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { toArticleId, type Article } from '../article.ts';
import { evaluate, parseQrels, parseQueries, type EvalReport } from '../eval/run-eval.ts';
import { METRIC_NAMES } from '../eval/metrics.ts';
import { minisearchDefaults, type BaselineDocument } from '../index/minisearch-baseline.ts';
import { streamArticles } from '../ingest/index.ts';
import { libraryFromArticles } from '../query/create-library.ts';
import { CommandFailure, UsageError, type CommandSpec, type ParsedCommand } from './args.ts';
import type { Command } from './main.ts';

const spec: CommandSpec = {
  name: 'eval',
  usage: 'broadsheet eval --docs FILE --queries FILE --qrels FILE [--json]',
  summary:
    'Measures ranking quality on a test collection: indexes the documents with the real pipeline, runs every\n' +
    'query through the real search path and prints nDCG@10, MAP, P@10 and Recall@100, next to raw MiniSearch\n' +
    'with default options on the same documents. Docs are JSONL {"id","title","text"}, queries `id<TAB>text`,\n' +
    'qrels `query<TAB>doc<TAB>gain` (gain > 0 is relevant).',
  positionals: { min: 0, max: 0, name: '' },
  options: {
    docs: { type: 'string', value: 'FILE', description: 'the documents, JSONL' },
    queries: { type: 'string', value: 'FILE', description: 'the queries, id<TAB>text' },
    qrels: { type: 'string', value: 'FILE', description: 'the relevance judgments, query<TAB>doc<TAB>gain' },
    json: { type: 'boolean', description: 'print the report as one JSON object' },
  },
};

async function run({ values }: ParsedCommand): Promise<number> {
  const paths = { docs: values.docs, queries: values.queries, qrels: values.qrels };
  for (const [flag, path] of Object.entries(paths)) {
    if (typeof path !== 'string') throw new UsageError(`--${flag} FILE is required; see \`broadsheet eval --help\`.`);
  }
  const report = await evaluateFiles(String(paths.docs), String(paths.queries), String(paths.qrels));
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  return 0;
}

export async function evaluateFiles(docsPath: string, queriesPath: string, qrelsPath: string): Promise<EvalReport> {
  const articles: Article[] = [];
  for await (const item of streamArticles([docsPath])) {
    if (item.kind === 'article') articles.push(item.article);
    else process.stderr.write(`skipped ${item.path}: ${item.reason}\n`);
  }
  if (articles.length === 0) throw new CommandFailure(`No document could be read from ${docsPath}; check that it is JSONL.`);
  const [queries, qrels, raw] = await Promise.all([
    readText(queriesPath).then(parseQueries),
    readText(qrelsPath).then(parseQrels),
    readRawDocuments(docsPath),
  ]);
  const rank = minisearchDefaults(raw);
  return evaluate(libraryFromArticles(articles), queries, qrels, { name: 'minisearch-defaults', rank }, toArticleId);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CommandFailure(`Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}

/** The documents exactly as written, for the baseline: it gets no help from our ingest. */
async function readRawDocuments(path: string): Promise<BaselineDocument[]> {
  const documents: BaselineDocument[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      documents.push({ id: String(record.id), title: String(record.title ?? ''), text: String(record.text ?? record.body ?? '') });
    } catch {
      // Lines our ingest skips are reported there; the baseline simply does without them.
    }
  }
  return documents;
}

export function formatReport(report: EvalReport): string {
  const header = `${'metric'.padEnd(12)}${'broadsheet'.padStart(12)}${report.baseline.name.padStart(22)}`;
  const rows = METRIC_NAMES.map(
    (name) => `${name.padEnd(12)}${report.metrics[name].toFixed(3).padStart(12)}${report.baseline.metrics[name].toFixed(3).padStart(22)}`,
  );
  return `${report.queries} judged queries\n${header}\n${rows.join('\n')}\n`;
}

export const evalCommand: Command = { spec, run };

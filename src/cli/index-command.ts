import { buildIndex } from '../index/article-index.ts';
import { loadSnapshot, saveSnapshot } from '../index/snapshot.ts';
import { readChangedArticles, type ChangeCounts, type FileRecord, type PreviousRun } from '../ingest/index.ts';
import type { Problem } from '../ingest/types.ts';
import { CommandFailure, type CommandSpec, type ParsedCommand } from './args.ts';
import type { Command } from './main.ts';
import { DEFAULT_INDEX_PATH, defaultArticlePaths } from './paths.ts';
import { createProgress } from './progress.ts';

/** The `--json` summary of the contract, with what changed since the previous index. */
export interface IndexSummary extends ChangeCounts {
  documents: number;
  skipped: Problem[];
  terms: number;
  ms: number;
  bytes: number;
}

const spec: CommandSpec = {
  name: 'index',
  usage: 'broadsheet index [PATH...] [--out FILE] [--full] [--json]',
  summary:
    'Reads articles from files and folders (default seeds/), builds the index and writes it atomically.\n' +
    'When --out already holds an index, only files whose content changed are read again.\n' +
    'Formats: plain text (.txt), Markdown with front matter (.md), HTML pages (.html), JSON arrays and JSONL.\n' +
    'Files that cannot be read are skipped and listed on stderr with the reason.',
  positionals: { min: 0, max: Infinity, name: 'PATH' },
  options: {
    out: { type: 'string', value: 'FILE', description: `where to write the index (default ${DEFAULT_INDEX_PATH})` },
    json: { type: 'boolean', description: 'print the summary as one JSON object on stdout' },
    full: { type: 'boolean', description: 'read every file again instead of only the changed ones' },
  },
};

async function run({ values, positionals }: ParsedCommand): Promise<number> {
  const json = values.json === true;
  const out = typeof values.out === 'string' ? values.out : DEFAULT_INDEX_PATH;
  const summary = await indexArticles(positionals.length > 0 ? positionals : defaultArticlePaths(), out, {
    showProgress: process.stderr.isTTY === true && !json,
    full: values.full === true,
  });
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const skipped = summary.skipped.length > 0 ? `, ${summary.skipped.length} skipped` : '';
    process.stdout.write(
      `indexed ${summary.documents} articles (${summary.terms} terms) in ${(summary.ms / 1000).toFixed(1)} s` +
        ` -> ${out} (${formatBytes(summary.bytes)})${skipped}; files: ${summary.added} added, ${summary.updated} updated,` +
        ` ${summary.removed} removed, ${summary.unchanged} unchanged\n`,
    );
  }
  return 0;
}

/**
 * Reads, indexes and saves. Skipped files and warnings go to stderr as they are known;
 * nothing is written when no article could be read, so a bad run never replaces a good index.
 */
export async function indexArticles(paths: string[], out: string, options: { showProgress?: boolean; full?: boolean } = {}): Promise<IndexSummary> {
  const started = performance.now();
  const progress = createProgress(options.showProgress ?? false);
  const previous = options.full ? undefined : await previousRun(out);
  const ingest = await readChangedArticles(paths, previous, { onProgress: (done, total) => progress.update(done, total) });
  progress.stop();
  for (const problem of ingest.problems) process.stderr.write(`skipped ${problem.path}: ${problem.reason}\n`);
  for (const warning of ingest.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (ingest.articles.length === 0) {
    throw new CommandFailure(`No article could be read from ${paths.join(', ')}, so ${out} was left as it was; check the paths and the messages above.`);
  }
  if (options.showProgress) progress.note(`building the index of ${ingest.articles.length} articles...`);
  const index = buildIndex(ingest.articles, undefined, ingest.files);
  let saved;
  try {
    saved = await saveSnapshot(index, out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new CommandFailure(`Cannot write the index to ${out} (${code}); choose another --out or make its folder writable.`);
  }
  return {
    documents: index.size,
    skipped: ingest.problems,
    terms: saved.terms,
    ms: Math.round(performance.now() - started),
    bytes: saved.bytes,
    ...ingest.changes,
  };
}

/** The index already at `out`, to take unchanged files' articles from; none when it is missing or unreadable. */
async function previousRun(out: string): Promise<PreviousRun | undefined> {
  try {
    const index = await loadSnapshot(out);
    return {
      files: index.manifest as FileRecord[],
      article: (id) => {
        const doc = index.docOf(id);
        return doc === undefined ? undefined : index.articles[doc];
      },
    };
  } catch {
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const indexCommand: Command = { spec, run };

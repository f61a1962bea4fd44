import { streamArticles } from '../ingest/index.ts';
import type { CommandSpec, ParsedCommand } from './args.ts';
import type { Command } from './main.ts';

const spec: CommandSpec = {
  name: 'parse',
  usage: 'broadsheet parse PATH... [--json]',
  summary:
    'Parses article files and folders without indexing and prints one JSON object per line:\n' +
    'each article with its fields and `path`, or `{"path", "error"}` for a file that cannot be read.',
  positionals: { min: 1, max: Infinity, name: 'at least one PATH' },
  options: {
    json: { type: 'boolean', description: 'JSON lines (the only output format; accepted for symmetry)' },
  },
};

async function run({ positionals }: ParsedCommand): Promise<number> {
  let articles = 0;
  for await (const item of streamArticles(positionals)) {
    const line =
      item.kind === 'problem'
        ? { path: item.path, error: item.reason }
        : { ...item.article, path: item.path, ...(item.location === item.path ? {} : { location: item.location }) };
    if (item.kind === 'article') articles++;
    if (!process.stdout.write(`${JSON.stringify(line)}\n`)) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
  return articles > 0 ? 0 : 1;
}

export const parseCommand: Command = { spec, run };

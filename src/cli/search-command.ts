import { QueryError, type MarkedText, type SearchResult } from '../library.ts';
import { openLibrary } from '../query/create-library.ts';
import { MAX_LIMIT, MAX_OFFSET, parseSearchRequest } from '../query/search-request.ts';
import { toSearchJson } from '../server/search-json.ts';
import { readIntegerOption, UsageError, type CommandSpec, type ParsedCommand } from './args.ts';
import { DEFAULT_INDEX_PATH } from './paths.ts';
import type { Command } from './main.ts';

const spec: CommandSpec = {
  name: 'search',
  usage: 'broadsheet search QUERY [--index FILE] [--limit N] [--offset N] [--json]',
  summary: 'Runs a query against the index and prints the ranked results (title, date, source, snippet).',
  positionals: { min: 1, max: 1, name: 'a QUERY (quote it when it has several words)' },
  options: {
    index: { type: 'string', value: 'FILE', description: `the index to search (default ${DEFAULT_INDEX_PATH})` },
    limit: { type: 'string', value: 'N', description: `how many results (default 10, at most ${MAX_LIMIT})` },
    offset: { type: 'string', value: 'N', description: 'skip this many results first (default 0)' },
    sort: { type: 'string', value: 'ORDER', description: 'relevance (default), newest or oldest' },
    source: { type: 'string', multiple: true, value: 'NAME', description: 'only articles from this source (repeatable)' },
    tag: { type: 'string', multiple: true, value: 'TAG', description: 'only articles with this tag (repeatable)' },
    from: { type: 'string', value: 'YYYY-MM-DD', description: 'only articles published on or after this day' },
    to: { type: 'string', value: 'YYYY-MM-DD', description: 'only articles published on or before this day' },
    json: { type: 'boolean', description: 'print the same JSON object as GET /api/search' },
  },
};

async function run({ values, positionals }: ParsedCommand): Promise<number> {
  const limit = readIntegerOption(values.limit, 'limit', 1, MAX_LIMIT);
  const offset = readIntegerOption(values.offset, 'offset', 0, MAX_OFFSET);
  const params: Record<string, string[]> = {
    q: [positionals[0] ?? ''],
    limit: limit === undefined ? [] : [String(limit)],
    offset: offset === undefined ? [] : [String(offset)],
    sort: typeof values.sort === 'string' ? [values.sort] : [],
    source: asList(values.source),
    tag: asList(values.tag),
    from: typeof values.from === 'string' ? [values.from] : [],
    to: typeof values.to === 'string' ? [values.to] : [],
  };
  let request;
  try {
    request = parseSearchRequest((name) => params[name] ?? []);
  } catch (error) {
    // Flags carry the same names as URL parameters; a bad value is a usage mistake here.
    if (error instanceof QueryError) throw new UsageError(error.message.replace(/"(\w+)"/, '--$1'));
    throw error;
  }
  const library = await openLibrary(typeof values.index === 'string' ? values.index : DEFAULT_INDEX_PATH);
  const result = library.search(request);
  process.stdout.write(values.json ? `${JSON.stringify(toSearchJson(result))}\n` : formatResults(result, process.stdout.isTTY === true));
  return 0;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Results as a person reads them in a terminal; marks are bold on a terminal, plain in a pipe. */
export function formatResults(result: SearchResult, color: boolean): string {
  const { request, total, hits } = result;
  const lines: string[] = [];
  const shown = hits.length === 0 ? 'no results' : `${request.offset + 1}-${request.offset + hits.length} of ${total}`;
  lines.push(`${shown} for "${request.q}" (${result.tookMs.toFixed(1)} ms)${result.widened ? ', not every word matched' : ''}`);
  if (result.suggestion !== undefined) lines.push(`did you mean: ${result.suggestion}`);
  for (const notice of result.notices) lines.push(notice);
  hits.forEach((hit, i) => {
    lines.push('');
    lines.push(`${request.offset + i + 1}. ${renderMarked(hit.title, color)}`);
    const meta = [hit.date?.slice(0, 10), hit.source, hit.tags.map((tag) => `#${tag}`).join(' ')].filter((part) => part);
    if (meta.length > 0) lines.push(`   ${meta.join(' · ')}`);
    lines.push(`   ${renderMarked(hit.snippet, color)}`);
    lines.push(`   id: ${hit.id}${hit.url ? `  ${hit.url}` : ''}`);
  });
  return `${lines.join('\n')}\n`;
}

function renderMarked({ text, highlights }: MarkedText, color: boolean): string {
  if (!color) return text;
  let out = '';
  let cursor = 0;
  for (const { start, end } of highlights) {
    if (start < cursor) continue;
    out += `${text.slice(cursor, start)}\x1b[1m${text.slice(start, end)}\x1b[22m`;
    cursor = end;
  }
  return out + text.slice(cursor);
}

export const searchCommand: Command = { spec, run };

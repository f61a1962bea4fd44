import { isStat, MB, type Stat } from './measure.ts';
import { QUERY_TYPE_LABELS, QUERY_TYPES } from './query-set.ts';
import type { BenchReport, CorpusReport } from './results.ts';

/** A table as plain strings, rendered as aligned text on stdout and as Markdown for the README. */
export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  notes: string[];
}

const DASH = '—';

/** Reads a number-or-Stat at a dotted path of the aggregated results. */
export function statAt(root: unknown, path: string): Stat | undefined {
  let value: unknown = root;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return isStat(value) ? value : undefined;
}

/** A number with sensible precision: 12,345 · 123 · 12.3 · 1.23 · 0.123 · 0.0123. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return DASH;
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  if (magnitude >= 0.01) return value.toFixed(3);
  if (magnitude === 0) return '0';
  return value.toFixed(4);
}

/** The median, and [min-max] when there were several runs; `scale` converts units. */
function formatStat(stat: Stat | undefined, scale = 1): string {
  if (stat === undefined || !Number.isFinite(stat.median)) return DASH;
  const median = formatNumber(stat.median * scale);
  if (stat.runs.length <= 1 || stat.min === stat.max) return median;
  return `${median} [${formatNumber(stat.min * scale)}-${formatNumber(stat.max * scale)}]`;
}

function ratio(numerator: Stat | undefined, denominator: Stat | undefined): string {
  if (numerator === undefined || denominator === undefined) return DASH;
  const value = numerator.median / denominator.median;
  return Number.isFinite(value) ? `×${formatNumber(value)}` : DASH;
}

/** Ratios of medians, ours over the baseline, for the JSON. */
export function computeRatios(results: unknown): Record<string, number> {
  const r = (a: string, b: string): number => {
    const top = statAt(results, a);
    const bottom = statAt(results, b);
    return top === undefined || bottom === undefined ? Number.NaN : top.median / bottom.median;
  };
  const ratios: Record<string, number> = {
    buildVsMiniSearchAddAll: r('broadsheet.build.ms', 'minisearch.build.addAllMs'),
    buildVsMapFloor: r('broadsheet.build.ms', 'floor.mapBuildMs'),
    readAndBuildVsReadTokenizeFloor: Number.NaN,
    indexHeapVsMiniSearch: r('broadsheet.build.indexHeapBytesPerArticle', 'minisearch.build.indexHeapBytesPerArticle'),
    indexHeapVsMapFloor: r('broadsheet.build.indexHeapBytesPerArticle', 'floor.mapHeapBytesPerArticle'),
    peakRssVsMiniSearch: r('broadsheet.build.peakRssMB', 'minisearch.build.peakRssMB'),
    snapshotBytesVsMiniSearchJson: r('broadsheet.save.bytes', 'minisearch.json.bytes'),
    saveVsMiniSearchStringify: r('broadsheet.save.ms', 'minisearch.json.stringifyMs'),
    loadVsMiniSearchLoadJson: r('broadsheet.load.ms', 'minisearch.json.loadJsonMs'),
    commonQueryP50VsMapFloor: r('broadsheet.queries.common.p50Ms', 'floor.mapQuery.p50Ms'),
    commonQueryP99VsMapFloor: r('broadsheet.queries.common.p99Ms', 'floor.mapQuery.p99Ms'),
  };
  const read = statAt(results, 'broadsheet.ingest.readMs');
  const build = statAt(results, 'broadsheet.build.ms');
  const floor = statAt(results, 'floor.readTokenizeMs');
  if (read && build && floor) ratios.readAndBuildVsReadTokenizeFloor = (read.median + build.median) / floor.median;
  for (const type of QUERY_TYPES) {
    ratios[`${type}P50VsMiniSearch`] = r(`broadsheet.queries.${type}.p50Ms`, `minisearch.queries.${type}.p50Ms`);
    ratios[`${type}P99VsMiniSearch`] = r(`broadsheet.queries.${type}.p99Ms`, `minisearch.queries.${type}.p99Ms`);
  }
  return ratios;
}

function sumStat(a: Stat | undefined, b: Stat | undefined): Stat | undefined {
  if (a === undefined || b === undefined || a.runs.length !== b.runs.length) return undefined;
  const runs = a.runs.map((value, i) => value + b.runs[i]!);
  const sorted = [...runs].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs };
}

/** `count / (ms / 1000)` per run. */
function perSecond(count: Stat | undefined, ms: Stat | undefined): Stat | undefined {
  if (count === undefined || ms === undefined) return undefined;
  const runs = ms.runs.map((value, i) => (count.runs[i] ?? count.median) / (value / 1000));
  const sorted = [...runs].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs };
}

export function corpusTables(corpus: CorpusReport): Table[] {
  const results = corpus.results;
  const s = (path: string) => statAt(results, path);
  const seconds = 1 / 1000;
  const kb = 1 / 1024;
  const mb = 1 / MB;

  // Rates get no ratio column: the ratio of the time above says the same, the right way round.
  const row = (label: string, ours: Stat | undefined, miniSearch: Stat | undefined, floor: Stat | undefined, scale: number, ratios = true): string[] => [
    label,
    formatStat(ours, scale),
    formatStat(miniSearch, scale),
    formatStat(floor, scale),
    ratios ? ratio(ours, miniSearch) : '',
    ratios ? ratio(ours, floor) : '',
  ];
  const jsonError = (results as { minisearch?: { json?: { error?: unknown } } }).minisearch?.json?.error;
  const mapArticlesPerSec = perSecond(s('broadsheet.ingest.articles'), s('floor.mapBuildMs'));
  const mapMbPerSec = perSecond(s('broadsheet.ingest.textMB'), s('floor.mapBuildMs'));

  const indexTable: Table = {
    title: 'Index, snapshot and memory',
    headers: ['', 'Broadsheet', 'MiniSearch', 'floor', 'ours ÷ MiniSearch', 'ours ÷ floor'],
    rows: [
      row('read, s (ingest / JSON.parse)', s('broadsheet.ingest.readMs'), undefined, s('floor.readMs'), seconds),
      row('build, s (buildIndex / addAll / Map)', s('broadsheet.build.ms'), s('minisearch.build.addAllMs'), s('floor.mapBuildMs'), seconds),
      row('build, articles/s', s('broadsheet.build.articlesPerSec'), s('minisearch.build.articlesPerSec'), mapArticlesPerSec, 1, false),
      row('build, MB/s of text', s('broadsheet.build.mbPerSec'), s('minisearch.build.mbPerSec'), mapMbPerSec, 1, false),
      row(
        'read + build, s (floor: read + tokenize)',
        sumStat(s('broadsheet.ingest.readMs'), s('broadsheet.build.ms')),
        undefined,
        s('floor.readTokenizeMs'),
        seconds,
      ),
      row('peak RSS while building, MB', s('broadsheet.build.peakRssMB'), s('minisearch.build.peakRssMB'), undefined, 1),
      row('index memory per article, KB (heap + typed arrays)', s('broadsheet.build.indexHeapBytesPerArticle'), s('minisearch.build.indexHeapBytesPerArticle'), s('floor.mapHeapBytesPerArticle'), kb),
      row('total memory per article, KB (heap + typed arrays)', s('broadsheet.build.totalHeapBytesPerArticle'), s('minisearch.build.totalHeapBytesPerArticle'), undefined, kb),
      row('snapshot size, MB (gzip JSONL / JSON)', s('broadsheet.save.bytes'), s('minisearch.json.bytes'), undefined, mb),
      row('snapshot save, s (saveSnapshot / stringify)', s('broadsheet.save.ms'), s('minisearch.json.stringifyMs'), undefined, seconds),
      row('snapshot load, s (openLibrary / loadJSON)', s('broadsheet.load.ms'), s('minisearch.json.loadJsonMs'), undefined, seconds),
      row('memory per article once loaded, KB (heap + typed arrays)', s('broadsheet.load.heapBytesPerArticle'), undefined, undefined, kb),
      row('RSS once loaded, MB', s('broadsheet.load.rssMB'), undefined, undefined, 1),
      row('serve start to listening, s', s('broadsheet.serve.listeningMs'), undefined, undefined, seconds),
      row('serve start to first answer, s', s('broadsheet.serve.firstAnswerMs'), undefined, undefined, seconds),
    ],
    notes: [],
  };
  if (typeof jsonError === 'string') indexTable.notes.push(`MiniSearch JSON snapshot: failed with ${jsonError}.`);
  else if (Array.isArray(jsonError)) indexTable.notes.push(`MiniSearch JSON snapshot: failed in some runs: ${jsonError.join('; ')}.`);

  const http = corpus.options.http;
  const queryTable: Table = {
    title: 'Query latency, ms: each query new to the engine (in process: library.search / MiniSearch search; HTTP: /search fragment, one client, to the last byte)',
    headers: [
      'query type',
      'n (ours / MS)',
      'matches (ours / MS)',
      'ours p50',
      'ours p99',
      'ours repeated p50',
      'MS p50',
      'MS p99',
      '÷ MS p50',
      '÷ MS p99',
      ...(http ? ['HTTP p50', 'HTTP p99'] : []),
    ],
    rows: QUERY_TYPES.map((type) => {
      const ours = (key: string) => s(`broadsheet.queries.${type}.${key}`);
      const theirs = (key: string) => s(`minisearch.queries.${type}.${key}`);
      return [
        QUERY_TYPE_LABELS[type],
        `${formatStat(ours('samples'))} / ${formatStat(theirs('samples'))}`,
        `${formatStat(ours('medianMatches'))} / ${formatStat(theirs('medianMatches'))}`,
        formatStat(ours('p50Ms')),
        formatStat(ours('p99Ms')),
        formatStat(s(`broadsheet.repeated.${type}.p50Ms`)),
        formatStat(theirs('p50Ms')),
        formatStat(theirs('p99Ms')),
        ratio(ours('p50Ms'), theirs('p50Ms')),
        ratio(ours('p99Ms'), theirs('p99Ms')),
        ...(http ? [formatStat(s(`http.perType.${type}.p50Ms`)), formatStat(s(`http.perType.${type}.p99Ms`))] : []),
      ];
    }),
    notes: [
      'n: queries measured (distinct, so a result cache cannot answer them; a type has fewer when there are not more, e.g. 1-letter prefixes, or when its time ran out). ' +
        'Repeated: ten of them asked again and again.',
      `Floor: a plain Map + BM25 loop (top 10) answers the common words in p50 ${formatStat(s('floor.mapQuery.p50Ms'))} ms, ` +
        `p99 ${formatStat(s('floor.mapQuery.p99Ms'))} ms; Broadsheet ÷ floor: p50 ${ratio(s('broadsheet.queries.common.p50Ms'), s('floor.mapQuery.p50Ms'))}, ` +
        `p99 ${ratio(s('broadsheet.queries.common.p99Ms'), s('floor.mapQuery.p99Ms'))}.`,
    ],
  };

  const tables = [indexTable, queryTable];
  if (http) {
    const loadRows: string[][] = [];
    for (const route of ['fragment', 'api'] as const) {
      for (const connections of corpus.options.connections) {
        const level = (key: string) => s(`http.load.${route}.c${connections}.${key}`);
        const failed = ['errors', 'timeouts', 'non2xx'].reduce((total, key) => total + (level(key)?.median ?? 0), 0);
        loadRows.push([
          route === 'fragment' ? '/search fragment' : '/api/search',
          String(connections),
          formatStat(level('requestsPerSec')),
          formatStat(level('p50Ms')),
          formatStat(level('p99Ms')),
          formatStat(level('maxMs')),
          formatNumber(failed),
        ]);
      }
    }
    tables.push({
      title: `HTTP under load (autocannon, ${corpus.options.httpSeconds} s per row, queries of every type mixed)`,
      headers: ['endpoint', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'failed'],
      rows: loadRows,
      notes: [],
    });
  }
  return tables;
}

export function corpusHeading(corpus: CorpusReport): string {
  const p = corpus.profile;
  const parts = [
    p === undefined ? undefined : `${p.articles.toLocaleString('en-US')} articles`,
    p === undefined ? undefined : `${formatNumber(p.textChars / MB)} MB of text`,
    p === undefined ? undefined : `${Math.round(p.avgWords)} words each on average`,
    p === undefined ? undefined : `${p.sources} sources, ${p.tags} tags`,
    p?.firstDate === undefined ? undefined : `${p.firstDate} to ${p.lastDate}`,
    `${corpus.runs} run${corpus.runs === 1 ? '' : 's'}`,
    `measured in ${formatNumber(corpus.elapsedSeconds / 60)} min`,
  ].filter((part) => part !== undefined);
  return `${corpus.title}: ${parts.join(', ')}`;
}

function describeMachine(report: BenchReport): string {
  const m = report.machine;
  return `${m.cpuModel} × ${m.cpus}, ${formatNumber(m.totalMemoryGB)} GB RAM, Node ${m.node}, ${m.platform}, MiniSearch ${m.minisearch}`;
}

const LEGEND = [
  'Broadsheet: the real pipeline (ingest `readArticles`, `buildIndex`, `saveSnapshot`, `openLibrary`, `library.search` with typing as the web sends it; `broadsheet serve`; `startServer` under autocannon).',
  'MiniSearch: raw MiniSearch with default options on the same articles (fields title and body), `prefix: true` for prefixes, `fuzzy: 0.2` for typos, `combineWith: AND` for several words and phrases (it has no phrase search); filters, facets and date sorting done over its results; its snapshot is `JSON.stringify` and `loadJSON` from the string in memory (ours is written to and read from disk).',
  'floor: JSONL read with `JSON.parse`, one regular expression to tokenize, a `Map` from term to postings, a BM25 loop keeping the top 10.',
  'Ratios divide medians, ours over theirs (below 1 is faster or smaller). Several runs show the median and [min-max].',
];

export function renderMarkdown(report: BenchReport): string {
  const lines: string[] = [
    `Benchmark of ${report.startedAt.slice(0, 10)} on ${describeMachine(report)}; commit ${report.git.commit.slice(0, 10)}${report.git.dirty ? ' (with local changes)' : ''}.`,
    '',
    `Command: \`${report.command}\``,
    '',
    ...LEGEND.map((line) => `- ${line}`),
    '',
  ];
  for (const corpus of report.corpora) {
    lines.push(`### ${corpusHeading(corpus)}`, '');
    for (const table of corpusTables(corpus)) {
      lines.push(`**${table.title}**`, '');
      lines.push(`| ${table.headers.join(' | ')} |`);
      lines.push(`|${table.headers.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
      for (const row of table.rows) lines.push(`| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`);
      lines.push('');
      for (const note of table.notes) lines.push(note, '');
    }
    if (corpus.errors.length > 0) {
      lines.push('Failures:', '');
      for (const error of corpus.errors) lines.push(`- ${error}`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function renderText(report: BenchReport): string {
  const lines: string[] = [
    `Broadsheet benchmark, ${report.startedAt}`,
    `machine: ${describeMachine(report)}`,
    `command: ${report.command}`,
    '',
  ];
  for (const corpus of report.corpora) {
    const heading = corpusHeading(corpus);
    lines.push('='.repeat(Math.min(100, heading.length)), heading, '='.repeat(Math.min(100, heading.length)), '');
    for (const table of corpusTables(corpus)) {
      lines.push(table.title, ...alignedRows(table), '');
      for (const note of table.notes) lines.push(note);
      if (table.notes.length > 0) lines.push('');
    }
    for (const error of corpus.errors) lines.push(`FAILED: ${error}`);
    if (corpus.errors.length > 0) lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function alignedRows(table: Table): string[] {
  const all = [table.headers, ...table.rows];
  const widths = table.headers.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [format(table.headers), widths.map((width) => '-'.repeat(width)).join('  '), ...table.rows.map(format)];
}

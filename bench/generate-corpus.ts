import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { createRandom, createZipf, deriveSeed, type Random } from './random.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Bumped whenever the generator's output changes, so cached corpora are not reused by mistake. */
export const GENERATOR_VERSION = 1;

export interface SyntheticOptions {
  articles: number;
  seed: number;
  vocabulary: Vocabulary;
}

export interface SyntheticCorpus {
  path: string;
  articles: number;
  bytes: number;
  sources: number;
  tags: number;
  firstDate: string;
  lastDate: string;
}

const SOURCE_COUNT = 50;
const TAG_COUNT = 300;
const FIRST_DAY = Date.UTC(2005, 0, 1);
const LAST_DAY = Date.UTC(2024, 11, 31);
const DAY_MS = 86_400_000;
const SOURCE_KINDS = ['Times', 'Herald', 'Post', 'Gazette', 'Tribune', 'Chronicle', 'Journal', 'Courier', 'Observer', 'Daily', 'Ledger', 'Sentinel', 'Register', 'Dispatch', 'Review'];

/**
 * News-like articles from a real vocabulary: words drawn with a Zipfian distribution over the
 * seeds' frequency ranking, in sentences and paragraphs; a title of content words; one of ~50
 * sources (some much bigger than others); a date uniform over 2005-2024; one to four of ~300
 * topic tags. Bodies average 400 words. Written as JSONL, the format the ingest stage reads.
 */
export async function writeSyntheticCorpus(path: string, options: SyntheticOptions): Promise<SyntheticCorpus> {
  const { articles, seed, vocabulary } = options;
  const random = createRandom(deriveSeed(seed, 'corpus'));
  const words = vocabulary.words;
  const zipfWord = createZipf(words.length, random, 1, 1);
  const names = createRandom(deriveSeed(seed, 'names'));
  const topics = names.shuffled(vocabulary.topicWords);
  const sources = Array.from({ length: SOURCE_COUNT }, (_, i) => `${capitalize(topics[i % topics.length]!)} ${SOURCE_KINDS[i % SOURCE_KINDS.length]!}`);
  const tags = topics.slice(SOURCE_COUNT, SOURCE_COUNT + TAG_COUNT).map(capitalize);
  const zipfSource = createZipf(sources.length, random, 1, 2);
  const zipfTag = createZipf(tags.length, random, 1, 2);
  const days = Math.round((LAST_DAY - FIRST_DAY) / DAY_MS) + 1;

  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temporary);
  let firstDate = '9999';
  let lastDate = '0000';
  try {
    for (let n = 0; n < articles; n++) {
      const date = new Date(FIRST_DAY + random.int(days) * DAY_MS).toISOString().slice(0, 10);
      if (date < firstDate) firstDate = date;
      if (date > lastDate) lastDate = date;
      const articleTags = new Set<string>();
      const tagCount = random.between(1, 4);
      while (articleTags.size < tagCount) articleTags.add(tags[zipfTag()]!);
      const record = {
        id: `syn-${String(n + 1).padStart(7, '0')}`,
        title: title(random, words, zipfWord),
        source: sources[zipfSource()]!,
        date,
        tags: [...articleTags],
        body: body(random, words, zipfWord, random.between(250, 550)),
      };
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await rename(temporary, path);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  return { path, articles, bytes: (await stat(path)).size, sources: sources.length, tags: tags.length, firstDate, lastDate };
}

/** A headline: five to eleven words, mostly content words (the commonest 100 are skipped half the time). */
function title(random: Random, words: readonly string[], zipf: () => number): string {
  const length = random.between(5, 11);
  const parts: string[] = [];
  while (parts.length < length) {
    const rank = zipf();
    if (rank < 100 && random.next() < 0.5) continue;
    parts.push(words[rank]!);
  }
  parts[0] = capitalize(parts[0]!);
  return parts.join(' ');
}

/** Sentences of 8-28 words, paragraphs of 2-6 sentences, `length` words in all. */
function body(random: Random, words: readonly string[], zipf: () => number, length: number): string {
  const paragraphs: string[] = [];
  let sentences: string[] = [];
  let paragraphLength = random.between(2, 6);
  let written = 0;
  while (written < length) {
    const sentenceLength = Math.min(length - written, random.between(8, 28));
    let sentence = capitalize(words[zipf()]!);
    for (let i = 1; i < sentenceLength; i++) {
      sentence += (random.next() < 0.06 ? ', ' : ' ') + words[zipf()]!;
    }
    sentences.push(`${sentence}.`);
    written += sentenceLength;
    if (sentences.length === paragraphLength) {
      paragraphs.push(sentences.join(' '));
      sentences = [];
      paragraphLength = random.between(2, 6);
    }
  }
  if (sentences.length > 0) paragraphs.push(sentences.join(' '));
  return paragraphs.join('\n\n');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

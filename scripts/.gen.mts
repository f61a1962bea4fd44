import { writeSyntheticCorpus } from '../bench/generate-corpus.ts';
import { loadVocabulary } from '../bench/vocabulary.ts';
const n = Number(process.argv[2]);
const vocabulary = await loadVocabulary('seeds');
console.log(await writeSyntheticCorpus(`/tmp/scratch/synth-${n}.jsonl`, { articles: n, seed: 42, vocabulary }));

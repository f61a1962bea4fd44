import { stem as porter2 } from 'porter2';
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { stemmer as turkish } from '@orama/stemmers/turkish';
import { stopwords as danishStops } from '@orama/stopwords/danish';
import { stopwords as dutchStops } from '@orama/stopwords/dutch';
import { stopwords as englishStops } from '@orama/stopwords/english';
import { stopwords as finnishStops } from '@orama/stopwords/finnish';
import { stopwords as frenchStops } from '@orama/stopwords/french';
import { stopwords as germanStops } from '@orama/stopwords/german';
import { stopwords as italianStops } from '@orama/stopwords/italian';
import { stopwords as norwegianStops } from '@orama/stopwords/norwegian';
import { stopwords as portugueseStops } from '@orama/stopwords/portuguese';
import { stopwords as russianStops } from '@orama/stopwords/russian';
import { stopwords as spanishStops } from '@orama/stopwords/spanish';
import { stopwords as swedishStops } from '@orama/stopwords/swedish';
import { stopwords as turkishStops } from '@orama/stopwords/turkish';

export interface Language {
  /** ISO 639-1 code. */
  code: string;
  /** Stems a lower-case word. English (Porter2) wants it folded first; Snowball's others want diacritics. */
  stem: (word: string) => string;
  foldBeforeStemming: boolean;
  stopWords: readonly string[];
}

/** Snowball-family stemmers: Porter2 for English, Orama's Snowball ports for the others. */
export const LANGUAGES: Record<string, Language> = {
  en: { code: 'en', stem: porter2, foldBeforeStemming: true, stopWords: englishStops },
  da: { code: 'da', stem: danish, foldBeforeStemming: false, stopWords: danishStops },
  de: { code: 'de', stem: german, foldBeforeStemming: false, stopWords: germanStops },
  es: { code: 'es', stem: spanish, foldBeforeStemming: false, stopWords: spanishStops },
  fi: { code: 'fi', stem: finnish, foldBeforeStemming: false, stopWords: finnishStops },
  fr: { code: 'fr', stem: french, foldBeforeStemming: false, stopWords: frenchStops },
  it: { code: 'it', stem: italian, foldBeforeStemming: false, stopWords: italianStops },
  nl: { code: 'nl', stem: dutch, foldBeforeStemming: false, stopWords: dutchStops },
  no: { code: 'no', stem: norwegian, foldBeforeStemming: false, stopWords: norwegianStops },
  pt: { code: 'pt', stem: portuguese, foldBeforeStemming: false, stopWords: portugueseStops },
  ru: { code: 'ru', stem: russian, foldBeforeStemming: false, stopWords: russianStops },
  sv: { code: 'sv', stem: swedish, foldBeforeStemming: false, stopWords: swedishStops },
  tr: { code: 'tr', stem: turkish, foldBeforeStemming: false, stopWords: turkishStops },
};

export const DEFAULT_LANGUAGE = 'en';

const ALIASES: Record<string, string> = { nb: 'no', nn: 'no' };

/** The language code for a BCP 47 tag (`en-GB` -> `en`), English for unknown or missing ones. */
export function languageCode(tag: string | undefined): string {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const code = ALIASES[primary] ?? primary;
  return code in LANGUAGES ? code : DEFAULT_LANGUAGE;
}

import type { Article } from '../article.ts';

/**
 * A file (or one record inside a file) that did not become an article, and why.
 * `reason` is a short lower-case fragment meant to follow the path on one line:
 * `seeds/a.txt: file is empty`.
 */
export interface Problem {
  /** The path as the user would write it (`seeds/a.txt`), or `file.jsonl:12` / `file.json#3` for one record. */
  path: string;
  reason: string;
}

/** What the ingest stage hands the indexer: every article it could read, and every file it could not. */
export interface IngestResult {
  /** In the order the files were walked; a replaced duplicate's place is taken by its replacement. */
  articles: Article[];
  problems: Problem[];
  /** Things worth telling that lost nothing the user could not find in `problems` (duplicate ids). */
  warnings: string[];
}

/** One item of {@link streamArticles}: an article as soon as it is read, or a problem. */
export type IngestItem =
  | {
      kind: 'article';
      /** The file the article came from, as the user would write it. */
      path: string;
      /** `path` for one-article files; `path:12` (line) for JSONL and `path#3` (item) for JSON. */
      location: string;
      article: Article;
    }
  | { kind: 'problem'; path: string; reason: string };

/** Options of {@link readArticles} and {@link streamArticles}. */
export interface IngestOptions {
  /**
   * Largest text, Markdown or HTML file read, in bytes; larger ones become problems.
   * Default {@link MAX_FILE_BYTES} (20 MB). JSON and JSONL files are streamed and have no limit.
   */
  maxFileBytes?: number;
  /**
   * Called with (0, total) once the walk has counted the files, then after each file.
   * A file of many articles (JSONL) counts as one.
   */
  onProgress?: (filesDone: number, filesTotal: number) => void;
}

/** The result of parsing one record that may be unusable. */
export type ParseResult = { ok: true; article: Article } | { ok: false; reason: string };

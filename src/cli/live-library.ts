import { watch, watchFile, unwatchFile, type FSWatcher, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Library } from '../library.ts';
import { openLibrary } from '../query/create-library.ts';

/**
 * The library a server answers from, swapped for a new one when the snapshot file changes.
 * `index` writes snapshots atomically (a rename), so a changed file is a whole new index: it
 * is loaded beside the old one and swapped in one assignment, so every request is answered
 * by one complete index or the other. A snapshot that fails to load is logged, and the old
 * index keeps serving.
 */
export class LiveLibrary {
  #current: Library;
  /** Which file was loaded: a rename brings a new inode, and two writes can share a coarse mtime. */
  #loadedVersion: string;
  #loading: Promise<void> | undefined;
  #stopped = false;

  private constructor(
    readonly path: string,
    library: Library,
    version: string,
    readonly log: (line: string) => void,
  ) {
    this.#current = library;
    this.#loadedVersion = version;
  }

  /** Starts from `library`, just opened from `path`. */
  static async from(path: string, library: Library, log: (line: string) => void): Promise<LiveLibrary> {
    return new LiveLibrary(path, library, versionOf(await stat(path)), log);
  }

  get current(): Library {
    return this.#current;
  }

  /** Watches the snapshot file (by polling its status, which sees renames from other processes). */
  watch(intervalMs = 1000): void {
    watchFile(this.path, { interval: intervalMs }, (now) => {
      if (versionOf(now) !== this.#loadedVersion && now.mtimeMs !== 0) void this.reload();
    });
  }

  /** Loads the snapshot again if it changed since it was loaded; concurrent calls share one load. */
  reload(): Promise<void> {
    this.#loading ??= this.#reload().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #reload(): Promise<void> {
    let version: string;
    try {
      version = versionOf(await stat(this.path));
    } catch {
      return; // gone for a moment between writes: the next change brings it back
    }
    if (version === this.#loadedVersion || this.#stopped) return;
    const started = performance.now();
    try {
      const library = await openLibrary(this.path);
      if (this.#stopped) return;
      this.#current = library;
      this.#loadedVersion = version;
      const { documents, builtAt } = library.stats();
      this.log(`reloaded ${this.path}: ${documents} articles built ${builtAt} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      // Remember the failure so the same broken file is not loaded again at every poll.
      this.#loadedVersion = version;
      this.log(`kept the index in use: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  stop(): void {
    this.#stopped = true;
    unwatchFile(this.path);
  }
}

/**
 * Calls `onChange` once things have been quiet for `delayMs` after changes under `paths`,
 * and never while a previous run is still going (changes during a run schedule one more).
 */
export function watchArticles(paths: readonly string[], delayMs: number, onChange: () => Promise<void>): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending = false;
  const run = () => {
    if (running) {
      pending = true;
      return;
    }
    running = onChange().finally(() => {
      running = undefined;
      if (pending) {
        pending = false;
        schedule();
      }
    });
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
  const watchers: FSWatcher[] = paths.map((path) => watch(path, { recursive: true }, schedule));
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

function versionOf(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

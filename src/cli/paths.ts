import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `index` writes and `search`/`serve` read, relative to the working directory. */
export const DEFAULT_INDEX_PATH = 'data/index.broadsheet';

/** The bundled corpus, so `broadsheet index` works from any folder. */
export const PACKAGE_SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** `seeds/` in the working directory when there is one, else the package's own. */
export function defaultArticlePaths(): string[] {
  return [existsSync('seeds') ? 'seeds' : PACKAGE_SEEDS];
}

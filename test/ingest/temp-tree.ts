import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file's content, or a symbolic link to `target` (relative to the link's folder). */
export type TreeEntry = string | Uint8Array | { link: string };

/**
 * Builds files under a fresh temporary folder and returns its path; `remove()` cleans up.
 * Folders in the paths are created as needed.
 */
export async function makeTree(entries: Record<string, TreeEntry>): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'broadsheet-ingest-'));
  for (const [path, entry] of Object.entries(entries)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    if (typeof entry === 'object' && 'link' in entry) await symlink(entry.link, full);
    else await writeFile(full, entry);
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

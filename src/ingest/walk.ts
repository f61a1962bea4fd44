import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { describeError } from './describe-error.ts';
import { formatOf } from './file-format.ts';
import type { Problem } from './types.ts';

/** A file the walk found to read. */
export interface FoundFile {
  /** Where to read it. */
  absolutePath: string;
  /**
   * Its path under the folder it was found in, with `/` on every system (`world/a.txt`), or its
   * name when it was given directly: ids derive from this, so they survive moving the archive.
   */
  relativePath: string;
  /** The path as the user would write it (`seeds/world/a.txt`): for messages and `path` fields. */
  displayPath: string;
  /** Named on the command line: read even with an unknown extension (as plain text). */
  explicit: boolean;
}

/** The files to read, in walk order, and what could not be walked (missing paths, links leading out, loops). */
export interface WalkResult {
  files: FoundFile[];
  problems: Problem[];
}

/**
 * Finds the article files in the given files and folders, recursively, in a deterministic order
 * (each folder's entries sorted by name). Hidden entries (`.name`) and `node_modules` are
 * skipped; only files with an article extension are taken from folders, while a file named
 * directly is always taken. Symbolic links are followed only when their target stays inside the
 * folder being walked, and each real file and folder is read once, so a link loop ends.
 * Never throws: what cannot be walked is a problem.
 */
export async function walkPaths(paths: readonly string[]): Promise<WalkResult> {
  const walk = new Walk();
  for (const path of paths) await walk.root(path);
  return { files: walk.files, problems: walk.problems };
}

class Walk {
  readonly files: FoundFile[] = [];
  readonly problems: Problem[] = [];
  /** Real path -> the display path it was first seen under. */
  private readonly seenFiles = new Map<string, string>();
  private readonly seenFolders = new Map<string, string>();

  async root(path: string): Promise<void> {
    try {
      const info = await stat(path);
      const real = await realpath(path);
      if (info.isDirectory()) {
        if (this.firstVisit(this.seenFolders, real, path, 'folder')) await this.folder(real, real, '', path);
      } else if (info.isFile()) {
        if (this.firstVisit(this.seenFiles, real, path, 'file')) {
          this.files.push({ absolutePath: resolve(path), relativePath: basename(path), displayPath: path, explicit: true });
        }
      } else {
        this.problem(path, 'not a regular file or folder');
      }
    } catch (error) {
      this.problem(path, describeError(error));
    }
  }

  /** Walks `dir` (a real path inside `root`); `relative` is its path under the root as found. */
  private async folder(root: string, dir: string, relative: string, display: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      this.problem(display, describeError(error));
      return;
    }
    // Code-unit order, not locale order: the same on every machine.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const childDisplay = join(display, entry.name);
      const target = await this.resolveEntry(root, dir, entry, childDisplay);
      if (target === undefined) continue;
      if (target.kind === 'folder') {
        // A link to this folder or one above it would walk forever.
        if (isInside(target.real, dir)) {
          this.problem(childDisplay, 'symbolic link loop');
        } else if (this.firstVisit(this.seenFolders, target.real, childDisplay, 'folder')) {
          await this.folder(root, target.real, childRelative, childDisplay);
        }
      } else if (target.kind === 'file') {
        if (this.firstVisit(this.seenFiles, target.real, childDisplay, 'file')) {
          this.files.push({
            absolutePath: join(dir, entry.name),
            relativePath: childRelative,
            displayPath: childDisplay,
            explicit: false,
          });
        }
      } else if (formatOf(entry.name) !== undefined) {
        this.problem(childDisplay, 'not a regular file');
      }
    }
  }

  /** What an entry is, following a symbolic link that stays inside the root; `undefined` to pass it by. */
  private async resolveEntry(
    root: string,
    dir: string,
    entry: Dirent,
    display: string,
  ): Promise<{ kind: 'folder' | 'file' | 'other'; real: string } | undefined> {
    const path = join(dir, entry.name);
    const isArticleName = formatOf(entry.name) !== undefined;
    if (!entry.isSymbolicLink()) {
      if (entry.isDirectory()) return { kind: 'folder', real: path };
      if (entry.isFile()) return isArticleName ? { kind: 'file', real: path } : undefined;
      return { kind: 'other', real: path };
    }
    let real: string;
    let isFolder: boolean;
    let isFile: boolean;
    try {
      real = await realpath(path);
      const info = await stat(real);
      isFolder = info.isDirectory();
      isFile = info.isFile();
    } catch (error) {
      // A link to nowhere named like an article was surely meant to be one.
      if (isArticleName) this.problem(display, linkReason(error));
      return undefined;
    }
    if (!isFolder && !isArticleName) return undefined;
    if (!isInside(root, real)) {
      this.problem(display, 'symbolic link points outside the folder');
      return undefined;
    }
    return { kind: isFolder ? 'folder' : isFile ? 'file' : 'other', real };
  }

  /** Records `real` as seen; when it was seen before, says so and returns false. */
  private firstVisit(seen: Map<string, string>, real: string, display: string, what: string): boolean {
    const earlier = seen.get(real);
    if (earlier === undefined) {
      seen.set(real, display);
      return true;
    }
    this.problem(display, `same ${what} as ${earlier}`);
    return false;
  }

  private problem(path: string, reason: string): void {
    this.problems.push({ path, reason });
  }
}

function linkReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'broken symbolic link';
  return describeError(error);
}

/** True when `path` is `folder` or below it (both real paths). */
function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

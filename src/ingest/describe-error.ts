/** File-system error codes in words, so a problem never carries a stack trace or an errno. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'no such file or folder',
  EISDIR: 'is a folder, not a file',
  ELOOP: 'symbolic link loop',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENAMETOOLONG: 'path is too long',
  EBUSY: 'file is busy',
};

/** Turns anything thrown while reading a file into a short lower-case reason. */
export function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return REASONS[code] ?? `could not be read (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? '').trim().replace(/\.$/, '');
  return firstLine === '' ? 'could not be read' : `could not be read (${lowerFirst(firstLine)})`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

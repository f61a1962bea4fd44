import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { MiddlewareHandler } from 'hono';

/** The one user and password that may read a private archive (HTTP Basic auth). */
export interface Credentials {
  user: string;
  password: string;
}

/** The realm browsers show in their sign-in prompt. */
export const AUTH_REALM = 'Broadsheet';
/** Exactly what a 401 carries in `WWW-Authenticate`. */
export const WWW_AUTHENTICATE = `Basic realm="${AUTH_REALM}"`;
/** Paths that answer without credentials: a load balancer or a monitor must reach them. */
export const OPEN_PATHS: readonly string[] = ['/healthz'];

/**
 * Reads `user:password` (from `--auth` or the environment). Splits at the FIRST colon, so a
 * password may contain colons; a user name cannot (HTTP Basic auth forbids it). Throws an
 * `Error` with a sentence fit for a usage error when there is no colon, or the user or the
 * password is empty.
 */
export function parseAuth(value: string): Credentials {
  const colon = value.indexOf(':');
  if (colon < 0) throw new Error('Credentials must be written user:password, with a colon between the user name and the password.');
  const user = value.slice(0, colon);
  const password = value.slice(colon + 1);
  if (user === '') throw new Error('The user name before the colon in user:password is empty; give a user name.');
  if (password === '') throw new Error('The password after the colon in user:password is empty; give a password.');
  return { user, password };
}

/**
 * True when `host` only accepts connections from this machine: `localhost`, `127.x.x.x`, `::1`
 * (also written `[::1]`) or an IPv4-mapped `::ffff:127.x.x.x`. `0.0.0.0`, `::` and every other
 * name or address are reachable from elsewhere (the CLI warns when serving those without auth).
 */
export function isLoopbackHost(host: string): boolean {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name.endsWith('.')) name = name.slice(0, -1); // `localhost.` is the same name, fully qualified
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  if (name.startsWith('::ffff:')) name = name.slice('::ffff:'.length);
  return isIPv4(name) && name.startsWith('127.');
}

/**
 * Compares two strings in time that depends on neither their contents nor where they first
 * differ: both are hashed to SHA-256 digests of equal length, then compared with
 * `crypto.timingSafeEqual`. Strings of different lengths are simply unequal (no throw).
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/**
 * Whether `given` are the expected credentials. Both the user and the password are always
 * compared (no short cut when the user is wrong), each in constant time.
 */
export function credentialsMatch(expected: Credentials, given: Credentials): boolean {
  const userOk = safeEqual(expected.user, given.user);
  const passwordOk = safeEqual(expected.password, given.password);
  return userOk && passwordOk;
}

/**
 * The credentials in an `Authorization: Basic base64(user:password)` header, or undefined when
 * the header is missing or not Basic auth. The decoded text splits at its first colon.
 */
export function readBasicAuth(header: string | undefined): Credentials | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*basic\s+([A-Za-z0-9+/._~-]+=*)\s*$/i.exec(header);
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Middleware that lets a request through only with the right Basic-auth credentials, except
 * for {@link OPEN_PATHS}. Anything else gets 401 with `WWW-Authenticate: Basic
 * realm="Broadsheet"` and a short plain answer (JSON under `/api/`), never the page asked for.
 */
export function requireBasicAuth(expected: Credentials): MiddlewareHandler {
  // Copied, so a caller changing its object later changes nothing here.
  const credentials: Credentials = { user: expected.user, password: expected.password };
  return async (c, next) => {
    if (OPEN_PATHS.includes(c.req.path)) return next();
    const given = readBasicAuth(c.req.header('Authorization'));
    if (given !== undefined && credentialsMatch(credentials, given)) return next();
    const headers = { 'WWW-Authenticate': WWW_AUTHENTICATE, 'Cache-Control': 'no-store' };
    const message = 'This archive is private. Sign in with the user name and password it is served with.';
    if (c.req.path.startsWith('/api/')) return c.json({ error: message }, 401, headers);
    return c.text(`401 Unauthorized\n\n${message}\n`, 401, headers);
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

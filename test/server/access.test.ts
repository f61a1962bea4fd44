import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  credentialsMatch,
  isLoopbackHost,
  parseAuth,
  readBasicAuth,
  safeEqual,
  WWW_AUTHENTICATE,
} from '../../src/server/access.ts';
import { createApp } from '../../src/server/app.ts';
import { startServer } from '../../src/server/start-server.ts';
import { library } from './helpers.ts';

const USER = 'editor';
const PASSWORD = 'pa:ss wörd';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
const RIGHT = { Authorization: basic(USER, PASSWORD) };

const open = createApp({ getLibrary: () => library });
const guarded = createApp({ getLibrary: () => library, auth: { user: USER, password: PASSWORD } });

/** The URLs of the stylesheet and scripts the page links to. */
async function assetUrls(): Promise<string[]> {
  const html = await (await open.request('/')).text();
  return [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
}

describe('parseAuth', () => {
  it('splits at the first colon, so a password may hold colons', () => {
    expect(parseAuth('editor:secret')).toEqual({ user: 'editor', password: 'secret' });
    expect(parseAuth('editor:a:b:c')).toEqual({ user: 'editor', password: 'a:b:c' });
    expect(parseAuth('ed itor: spaced ')).toEqual({ user: 'ed itor', password: ' spaced ' });
    expect(parseAuth('rédacteur:mot de passe')).toEqual({ user: 'rédacteur', password: 'mot de passe' });
  });

  it('throws a clear error for a missing colon, an empty user or an empty password', () => {
    expect(() => parseAuth('editor')).toThrow(/user:password/);
    expect(() => parseAuth('')).toThrow(/colon/);
    expect(() => parseAuth(':secret')).toThrow(/user name .* is empty/);
    expect(() => parseAuth('editor:')).toThrow(/password .* is empty/);
  });
});

describe('isLoopbackHost', () => {
  it('knows the names and addresses of this machine', () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '127.1.2.3', '127.255.255.255', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('treats everything else as reachable from elsewhere', () => {
    for (const host of ['0.0.0.0', '::', '[::]', '', '192.168.1.10', '10.0.0.1', '128.0.0.1', '127.0.0', '127.0.0.256', '127.evil.example', 'example.com', 'localhost.example.com', '::2', '::ffff:10.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('the constant-time compare', () => {
  it('compares strings of any lengths without throwing, by equal-length digests', () => {
    expect(safeEqual('secret', 'secret')).toBe(true);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('secret', 'secreT')).toBe(false);
    // crypto.timingSafeEqual alone throws for inputs of different lengths; hashing first avoids that.
    expect(safeEqual('a', 'a much longer string than the first')).toBe(false);
    expect(safeEqual('secret', '')).toBe(false);
    expect(safeEqual('x'.repeat(100_000), 'x'.repeat(99_999))).toBe(false);
    expect(safeEqual('ü', 'u\u0308')).toBe(false); // bytes, not normalised text
  });

  it('needs both the user and the password to match', () => {
    const expected = { user: USER, password: PASSWORD };
    expect(credentialsMatch(expected, { user: USER, password: PASSWORD })).toBe(true);
    expect(credentialsMatch(expected, { user: 'someone', password: PASSWORD })).toBe(false);
    expect(credentialsMatch(expected, { user: USER, password: 'wrong' })).toBe(false);
    expect(credentialsMatch(expected, { user: PASSWORD, password: USER })).toBe(false);
  });
});

describe('readBasicAuth', () => {
  it('decodes Basic credentials as UTF-8 and splits at the first colon', () => {
    expect(readBasicAuth(basic(USER, PASSWORD))).toEqual({ user: USER, password: PASSWORD });
    expect(readBasicAuth(`basic ${Buffer.from('a:').toString('base64')}`)).toEqual({ user: 'a', password: '' });
  });

  it('gives nothing for a missing, malformed or non-Basic header', () => {
    for (const header of [undefined, '', 'Basic', 'Basic !!!', 'Bearer abc', `Basic ${Buffer.from('no colon').toString('base64')}`]) {
      expect(readBasicAuth(header), String(header)).toBeUndefined();
    }
  });
});

describe('an app without auth', () => {
  it('is open, as by default', async () => {
    for (const path of ['/', '/search?q=harbour', '/api/search?q=harbour', '/articles/ledger-heatwave', '/help']) {
      expect((await open.request(path)).status, path).toBe(200);
    }
  });
});

describe('an app with auth', () => {
  const PROTECTED = ['/', '/search?q=harbour', '/api/search?q=harbour', '/api/suggest?q=harb', '/articles/ledger-heatwave', '/help', '/opensearch.xml', '/no/such/page'];

  it('answers 401 with a Basic challenge and a short plain answer without credentials', async () => {
    for (const path of PROTECTED) {
      const response = await guarded.request(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate'), path).toBe('Basic realm="Broadsheet"');
      expect(WWW_AUTHENTICATE).toBe('Basic realm="Broadsheet"');
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      const body = await response.text();
      expect(body.length, path).toBeLessThan(300);
      expect(body, path).not.toMatch(/harbour|<html/i);
      if (path.startsWith('/api/')) expect(JSON.parse(body)).toEqual({ error: expect.stringContaining('private') });
      else expect(response.headers.get('content-type'), path).toMatch(/^text\/plain/);
    }
  });

  it('answers 401 for wrong credentials, including the right password under the wrong user', async () => {
    for (const authorization of [
      basic(USER, 'wrong'),
      basic('someone', PASSWORD),
      basic(USER.toUpperCase(), PASSWORD),
      basic(USER, `${PASSWORD} `),
      basic(USER, PASSWORD.slice(0, -1)),
      basic('', ''),
      basic(`${USER}:${PASSWORD}`, ''),
      `Bearer ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      'Basic not-base64-at-all!',
      `Basic ${Buffer.from(USER).toString('base64')}`,
    ]) {
      for (const path of ['/search?q=harbour', '/api/search?q=harbour']) {
        const response = await guarded.request(path, { headers: { Authorization: authorization } });
        expect(response.status, `${path} ${authorization}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Basic realm="Broadsheet"');
      }
    }
  });

  it('serves every route with the right credentials', async () => {
    for (const path of PROTECTED.filter((path) => path !== '/no/such/page')) {
      expect((await guarded.request(path, { headers: RIGHT })).status, path).toBe(200);
    }
    expect((await guarded.request('/no/such/page', { headers: RIGHT })).status).toBe(404);
    const page = await (await guarded.request('/search?q=ferry', { headers: RIGHT })).text();
    expect(page).toContain('timetable adds evening sailings');
    // The scheme name is case-insensitive.
    expect((await guarded.request('/', { headers: { Authorization: RIGHT.Authorization.replace('Basic', 'bAsIc') } })).status).toBe(200);
  });

  it('leaves /healthz open', async () => {
    const response = await guarded.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', documents: 14 });
    expect((await guarded.request('/healthz', { headers: { Authorization: basic('x', 'y') } })).status).toBe(200);
  });

  it('protects the assets too', async () => {
    const urls = await assetUrls();
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) {
      expect((await guarded.request(url)).status, url).toBe(401);
      const response = await guarded.request(url, { headers: RIGHT });
      expect(response.status, url).toBe(200);
      // No shared cache may keep them for people without credentials.
      expect(response.headers.get('cache-control'), url).toBe('private, max-age=31536000, immutable');
    }
    expect((await guarded.request('/opensearch.xml', { headers: RIGHT })).headers.get('cache-control')).toBe('private, max-age=3600');
  });

  it('asks before anything else: a POST or an oversized body without credentials gets 401', async () => {
    expect((await guarded.request('/search', { method: 'POST', body: 'q=x' })).status).toBe(401);
    expect((await guarded.request('/search', { method: 'POST', body: 'x'.repeat(100_000) })).status).toBe(401);
    expect((await guarded.request('/search', { method: 'POST', body: 'q=x', headers: RIGHT })).status).toBe(405);
  });
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; challenge: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, challenge: res.headers['www-authenticate'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startServer with auth', () => {
  it('passes the credentials to the app', async () => {
    const server = await startServer({ getLibrary: () => library, port: 0, host: '127.0.0.1', auth: { user: USER, password: PASSWORD } });
    try {
      const denied = await get(`${server.url}/search?q=ferry`);
      expect(denied.status).toBe(401);
      expect(denied.challenge).toBe('Basic realm="Broadsheet"');
      expect((await get(`${server.url}/search?q=ferry`, RIGHT)).body).toContain('timetable adds evening sailings');
      expect((await get(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

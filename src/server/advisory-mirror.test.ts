// The mirror reader on real files and a real loopback HTTP server: a directory is "unchanged" until
// one of its files changes; an index that lists something other than .zip/.json files, or nothing,
// is refused naming the line; credentials in the URL travel as Basic authentication and never
// appear in what is shown.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMirror, redactSource } from './advisory-mirror.js';

const corpus = (id: string) => fileURLToPath(new URL(`../../../shared/corpora/osv-derived/debian/${id}.json`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'palisade-mirror-'));
const LAST_MODIFIED = 'Tue, 03 Sep 2024 00:00:00 GMT';

describe('advisory mirror', () => {
  let server: Server;
  let base = '';
  const pages = new Map<string, string>();
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers);
      const page = pages.get(request.url ?? '');
      // Dated files answer by Last-Modified alone (no ETag), as a plain static mirror may.
      const dated = request.url?.startsWith('/dated/');
      if (page === undefined) response.writeHead(404).end();
      else if (dated && request.headers['if-modified-since'] === LAST_MODIFIED) response.writeHead(304).end();
      else response.writeHead(200, dated ? { 'last-modified': LAST_MODIFIED } : {}).end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a directory as changed until it was committed, and again when a file changes', async () => {
    const mirror = join(dir, 'mirror');
    const cache = join(dir, 'cache-dir');
    mkdirSync(join(mirror, 'debian'), { recursive: true });
    await expect(checkMirror(mirror, cache)).rejects.toThrow(/no OSV \.json files or \.zip archives/);
    copyFileSync(corpus('DSA-5523-1'), join(mirror, 'debian', 'DSA-5523-1.json'));
    const first = await checkMirror(mirror, cache);
    expect(first.changed).toBe(true);
    expect(first.files).toEqual([{ path: mirror, label: mirror }]);
    await first.commit();
    expect((await checkMirror(mirror, cache)).changed).toBe(false);
    copyFileSync(corpus('DSA-5764-1'), join(mirror, 'DSA-5764-1.json'));
    writeFileSync(join(mirror, 'Alpine-all.zip'), 'archives are read by the importer');
    const second = await checkMirror(mirror, cache);
    expect(second.changed).toBe(true);
    expect(second.files.map((file) => file.path)).toEqual([mirror, join(mirror, 'Alpine-all.zip')]);
    await expect(checkMirror(join(dir, 'missing'), cache)).rejects.toThrow(/missing: no such directory/);
  });

  it('refuses an index listing anything but .zip or .json files over http(s), naming the line', async () => {
    const cache = join(dir, 'cache-index');
    pages.set('/bad/index.txt', '# mirror\nDebian/all.zip\nftp://elsewhere.example/all.zip\n');
    await expect(checkMirror(`${base}/bad/index.txt`, cache)).rejects.toThrow(`${base}/bad/index.txt line 3: only http(s) URLs may be listed, not ftp:`);
    pages.set('/html/index.txt', 'Debian/all.zip\n/osv/\n');
    await expect(checkMirror(`${base}/html/index.txt`, cache)).rejects.toThrow(`${base}/html/index.txt line 2: ${base}/osv/ is neither a .zip archive nor a .json file`);
    pages.set('/empty/index.txt', '# nothing yet\n');
    await expect(checkMirror(`${base}/empty/index.txt`, cache)).rejects.toThrow('the index lists no advisory files');
    await expect(checkMirror(`${base}/none/all.zip`, cache)).rejects.toThrow(`${base}/none/all.zip: HTTP 404 Not Found`);
  });

  it('asks again with If-Modified-Since when the mirror sends Last-Modified only, and only after a commit', async () => {
    const cache = join(dir, 'cache-dated');
    pages.set('/dated/all.json', '[]');
    const first = await checkMirror(`${base}/dated/all.json`, cache);
    expect(first.changed).toBe(true);
    // Not committed (the import failed): the next check fetches the whole file again.
    await first.discard();
    seen.length = 0;
    const again = await checkMirror(`${base}/dated/all.json`, cache);
    expect(seen[0]?.['if-modified-since']).toBeUndefined();
    expect(again.changed).toBe(true);
    await again.commit();
    seen.length = 0;
    const unchanged = await checkMirror(`${base}/dated/all.json`, cache);
    expect(seen[0]?.['if-modified-since']).toBe(LAST_MODIFIED);
    expect(unchanged.changed).toBe(false);
    expect(unchanged.files).toHaveLength(1);
  });

  it('sends credentials of the URL as Basic authentication and never shows them', async () => {
    const cache = join(dir, 'cache-credentials');
    pages.set('/private/DSA-5523-1.json', '{}');
    const source = `${base.replace('http://', 'http://mirror:s%40cret@')}/private/DSA-5523-1.json`;
    seen.length = 0;
    const check = await checkMirror(source, cache);
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('mirror:s@cret').toString('base64')}`);
    expect(check.files.map((file) => file.label)).toEqual([`${base}/private/DSA-5523-1.json`]);
    expect(redactSource(source)).toBe(`${base}/private/DSA-5523-1.json`);
    await check.discard();
    const failing = source.replace('DSA-5523-1', 'missing');
    await expect(checkMirror(failing, cache)).rejects.toThrow(`${base}/private/missing.json: HTTP 404`);
    await expect(checkMirror(failing, cache)).rejects.not.toThrow(/s%40cret|s@cret/);
  });
});

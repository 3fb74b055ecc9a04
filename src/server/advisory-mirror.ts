// Reads an advisory mirror (PALISADE_ADVISORY_SOURCE) into local files to import, and says whether
// anything changed since the last successful import, so an unchanged mirror costs one conditional
// request per file (HTTP 304) or one directory walk and no import. A source is:
//   - a directory: every *.json below it and every *.zip archive (osv.dev's all.zip) below it;
//   - an http(s) URL ending in .zip or .json: that one file;
//   - any other http(s) URL: an index, plain text with one URL per line (relative to the index,
//     `#` starts a comment), each an all.zip or a JSON file, e.g. `Debian/all.zip`.
// Downloads land in a cache directory beside the database; they replace the cached copies (and
// their ETag/Last-Modified) only when the caller commits after a successful import, so a broken
// download is fetched again next time instead of being taken for "unchanged".
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { MAX_ARCHIVE_BYTES } from '../vulndb/osv-files.js';

/** A file (or directory) to import, and how the database's source list names it. */
export interface MirrorFile {
  readonly path: string;
  readonly label: string;
}

export interface MirrorCheck {
  /** False when every file is as at the last committed import. */
  readonly changed: boolean;
  readonly files: readonly MirrorFile[];
  /** After a successful import: downloads become the cached copies, validators are kept. */
  commit(): Promise<void>;
  /** After a failed import, or when nothing is imported: downloads are removed. */
  discard(): Promise<void>;
}

interface CachedFile {
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** File name in the cache directory. */
  readonly file: string;
}

interface MirrorState {
  /** Hash of the source setting (which may carry credentials, so it is not stored in clear). */
  readonly sourceKey: string;
  readonly signature?: string;
  readonly index?: CachedFile;
  readonly files: readonly CachedFile[];
}

const STATE_FILE = 'mirror.json';
/** Names of cached copies and downloads: a hash of the URL, then the extension. */
const CACHED_NAME = /^[0-9a-f]{24}\./;
const MAX_INDEX_ENTRIES = 1000;
const MAX_INDEX_BYTES = 1024 * 1024;
/** A whole all.zip of the largest ecosystem on a slow link fits; a hung mirror does not hold the refresh forever. */
const FETCH_TIMEOUT_MS = 30 * 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function isHttpSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** The source as logs and the API show it: a URL without its user name and password. */
export function redactSource(source: string): string {
  if (!isHttpSource(source)) return source;
  try {
    const url = new URL(source);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return source;
  }
}

async function readState(cacheDir: string, source: string): Promise<MirrorState | null> {
  try {
    const state = JSON.parse(await readFile(join(cacheDir, STATE_FILE), 'utf8')) as MirrorState;
    return state.sourceKey === sha256(source) ? state : null;
  } catch {
    // None yet, or unreadable: the next import fetches everything.
    return null;
  }
}

async function writeState(cacheDir: string, state: MirrorState): Promise<void> {
  const temporary = join(cacheDir, `${STATE_FILE}.${randomBytes(4).toString('hex')}`);
  await writeFile(temporary, JSON.stringify(state, null, 2));
  await rename(temporary, join(cacheDir, STATE_FILE));
}

// ---- directory sources ----

interface DirectoryEntry {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

async function walk(dir: string, into: DirectoryEntry[]): Promise<void> {
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    // Symlinks are not followed, as the importer does not follow them.
    const info = await lstat(path);
    if (info.isDirectory()) await walk(path, into);
    else if (info.isFile() && /\.(json|zip)$/.test(name)) into.push({ path, size: info.size, mtimeMs: info.mtimeMs });
  }
}

async function checkDirectory(dir: string, cacheDir: string): Promise<MirrorCheck> {
  const entries: DirectoryEntry[] = [];
  try {
    await walk(dir, entries);
  } catch (error) {
    throw new Error(`advisory source ${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (error as Error).message}`, { cause: error });
  }
  if (entries.length === 0) throw new Error(`advisory source ${dir}: no OSV .json files or .zip archives in it`);
  const signature = sha256(entries.map((entry) => `${entry.path}\t${entry.size}\t${entry.mtimeMs}`).join('\n'));
  const state = await readState(cacheDir, dir);
  const zips = entries.filter((entry) => entry.path.endsWith('.zip')).map((entry) => ({ path: entry.path, label: entry.path }));
  const files = entries.some((entry) => entry.path.endsWith('.json')) ? [{ path: dir, label: dir }, ...zips] : zips;
  return {
    changed: state?.signature !== signature,
    files,
    commit: () => writeState(cacheDir, { sourceKey: sha256(dir), signature, files: [] }),
    discard: async () => {},
  };
}

// ---- http(s) sources ----

interface Fetched {
  readonly entry: CachedFile;
  /** Where the content is now: the cached copy (304) or the fresh download. */
  readonly path: string;
  /** The download's temporary name, to become `entry.file` on commit; null when unchanged. */
  readonly download: string | null;
}

/** fetch() refuses URLs with credentials: they travel as a Basic authorization header instead. */
function requestOf(url: URL): { href: string; headers: Record<string, string> } {
  if (!url.username && !url.password) return { href: url.href, headers: {} };
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { href: bare.href, headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } };
}

function sizeCap(limit: number, where: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new Error(`${where}: larger than ${limit} bytes`));
      else done(null, chunk);
    },
  });
}

function extensionOf(url: URL): '.zip' | '.json' | '.txt' {
  const path = url.pathname.toLowerCase();
  return path.endsWith('.zip') ? '.zip' : path.endsWith('.json') ? '.json' : '.txt';
}

async function fetchConditional(url: URL, previous: CachedFile | undefined, cacheDir: string, limit: number): Promise<Fetched> {
  const where = redactSource(url.href);
  const extension = extensionOf(url);
  const file = `${sha256(url.href).slice(0, 24)}${extension}`;
  const cached = previous?.url === url.href && existsSync(join(cacheDir, previous.file)) ? previous : undefined;
  const request = requestOf(url);
  const headers: Record<string, string> = { ...request.headers };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
  let response: Response;
  try {
    response = await fetch(request.href, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`${where}: ${cause ?? (error as Error).message}`, { cause: error });
  }
  if (response.status === 304 && cached) {
    await response.body?.cancel();
    return { entry: cached, path: join(cacheDir, cached.file), download: null };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`${where}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > limit) {
    await response.body.cancel();
    throw new Error(`${where}: larger than ${limit} bytes`);
  }
  // The download keeps the extension: the importer reads a .zip as an archive.
  const download = join(cacheDir, `${file}.download-${randomBytes(4).toString('hex')}${extension}`);
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), sizeCap(limit, where), createWriteStream(download));
  } catch (error) {
    await rm(download, { force: true });
    throw new Error(`${where}: download failed: ${(error as Error).message}`, { cause: error });
  }
  return { entry: { url: url.href, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified'), file }, path: download, download };
}

function parseIndex(text: string, base: URL): URL[] {
  const where = redactSource(base.href);
  const urls: URL[] = [];
  for (const [number, raw] of text.split('\n').entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    let url: URL;
    try {
      url = new URL(line, base);
    } catch {
      throw new Error(`${where} line ${number + 1}: not a URL: ${line.slice(0, 200)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${where} line ${number + 1}: only http(s) URLs may be listed, not ${url.protocol}`);
    if (extensionOf(url) === '.txt') throw new Error(`${where} line ${number + 1}: ${redactSource(url.href)} is neither a .zip archive nor a .json file`);
    urls.push(url);
    if (urls.length > MAX_INDEX_ENTRIES) throw new Error(`${where}: more than ${MAX_INDEX_ENTRIES} entries`);
  }
  if (urls.length === 0) throw new Error(`${where}: the index lists no advisory files`);
  return urls;
}

async function checkHttp(source: string, cacheDir: string): Promise<MirrorCheck> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new Error(`advisory source ${redactSource(source)} is not a valid URL`);
  }
  const state = await readState(cacheDir, source);
  const fetched: Fetched[] = [];
  const discard = async () => {
    await Promise.all(fetched.flatMap((item) => (item.download ? [rm(item.download, { force: true })] : [])));
  };
  try {
    let index: Fetched | undefined;
    let urls = [url];
    if (extensionOf(url) === '.txt') {
      index = await fetchConditional(url, state?.index, cacheDir, MAX_INDEX_BYTES);
      fetched.push(index);
      urls = parseIndex(await readFile(index.path, 'utf8'), url);
    }
    const files: Fetched[] = [];
    for (const each of urls) {
      const one = await fetchConditional(each, state?.files.find((file) => file.url === each.href), cacheDir, MAX_ARCHIVE_BYTES);
      fetched.push(one);
      files.push(one);
    }
    const sameList = state !== null && state.files.length === files.length && files.every((file, i) => state.files[i]?.url === file.entry.url);
    const changed = !sameList || fetched.some((item) => item.download !== null);
    return {
      changed,
      files: files.map((file) => ({ path: file.path, label: redactSource(file.entry.url) })),
      commit: async () => {
        for (const item of fetched) if (item.download) await rename(item.download, join(cacheDir, item.entry.file));
        const next: MirrorState = { sourceKey: sha256(source), files: files.map((file) => file.entry), ...(index ? { index: index.entry } : {}) };
        await writeState(cacheDir, next);
        // Copies of files the mirror no longer lists, and downloads a crash left behind (refreshes
        // run one at a time), are not needed again. Other files of the directory are not ours.
        const keep = new Set([...next.files.map((file) => file.file), ...(next.index ? [next.index.file] : [])]);
        for (const name of await readdir(cacheDir)) if (CACHED_NAME.test(name) && !keep.has(name)) await rm(join(cacheDir, name), { force: true });
      },
      discard,
    };
  } catch (error) {
    await discard();
    throw error;
  }
}

/** Checks the source against the last committed import; throws naming the file or URL that failed. */
export async function checkMirror(source: string, cacheDir: string): Promise<MirrorCheck> {
  await mkdir(cacheDir, { recursive: true });
  return isHttpSource(source) ? checkHttp(source, cacheDir) : checkDirectory(source, cacheDir);
}

// Reads OSV records from what `palisade db import` is given: a JSON file (one record, or an
// array of records as osv.dev's bundles hold), a directory (every *.json below it) or a zip
// archive such as osv.dev's per-ecosystem all.zip. Each item says where it came from, so a bad
// advisory is reported by file name and skipped.
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readZipDirectory, readZipEntry } from '../collectors/jar/zip-reader.js';

/** No real advisory comes near this; a bigger file is refused rather than held in memory. */
export const MAX_ADVISORY_BYTES = 16 * 1024 * 1024;
/** osv.dev's largest all.zip (Debian, Ubuntu) are a few hundred MiB. */
export const MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/** Entries of an archive read between two turns of the event loop (see fromZip). */
const ENTRIES_PER_TURN = 500;

export type OsvItem = { readonly where: string; readonly value: unknown } | { readonly where: string; readonly error: string };

function parse(where: string, text: string): OsvItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [{ where, error: `${where}: not JSON: ${(error as Error).message}` }];
  }
  if (Array.isArray(value)) return value.map((v, i) => ({ where: `${where}[${i}]`, value: v }));
  return [{ where, value }];
}

async function* fromZip(path: string): AsyncGenerator<OsvItem> {
  const buffer = await readFile(path);
  const directory = readZipDirectory(buffer);
  let read = 0;
  for (const entry of directory.entries) {
    // Inflating an all.zip is CPU only: without a turn of the event loop now and then, the server
    // refreshing its advisories would answer no request until the whole archive is read.
    if (++read % ENTRIES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    if (!entry.name.endsWith('.json') || entry.name.endsWith('/')) continue;
    const where = `${path}!/${entry.name}`;
    try {
      const data = readZipEntry(buffer, entry, MAX_ADVISORY_BYTES + 1);
      if (data.length > MAX_ADVISORY_BYTES) yield { where, error: `${where}: larger than ${MAX_ADVISORY_BYTES} bytes, skipped` };
      else yield* parse(where, data.toString('utf8'));
    } catch (error) {
      yield { where, error: `${where}: ${(error as Error).message}` };
    }
  }
}

async function* fromDirectory(path: string): AsyncGenerator<OsvItem> {
  const names = (await readdir(path)).sort();
  for (const name of names) {
    const child = join(path, name);
    // Symlinks are not followed: a link loop or a link out of the tree is not an advisory.
    const info = await lstat(child);
    if (info.isDirectory()) yield* fromDirectory(child);
    else if (info.isFile() && name.endsWith('.json')) yield* fromFile(child, info.size);
  }
}

async function* fromFile(path: string, size: number): AsyncGenerator<OsvItem> {
  if (size > MAX_ADVISORY_BYTES) {
    yield { where: path, error: `${path}: larger than ${MAX_ADVISORY_BYTES} bytes, skipped` };
    return;
  }
  yield* parse(path, await readFile(path, 'utf8'));
}

/** Every record (or per-file error) under one import argument. Throws only when the path itself is unusable. */
export async function* readOsvItems(path: string): AsyncGenerator<OsvItem> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new Error(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`, { cause: error });
  }
  if (info.isDirectory()) yield* fromDirectory(path);
  else if (path.endsWith('.zip')) {
    if (info.size > MAX_ARCHIVE_BYTES) throw new Error(`${path}: archive larger than ${MAX_ARCHIVE_BYTES} bytes`);
    yield* fromZip(path);
  } else yield* fromFile(path, info.size);
}

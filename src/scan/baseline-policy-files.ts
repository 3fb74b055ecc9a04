// Reads SCA policy files from disk for the baseline scanner: single files or directories of
// `*.yml`, `*.yaml` and gzipped `*.yml.gz`, bounded in size (a policy is at most a few MB; a gzip
// bomb stops at the cap). Reading problems are returned per file, never thrown, so one unreadable
// file does not stop the others. Parsing and validation are the engine's (engines/baseline).
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const MAX_POLICY_BYTES = 32 * 1024 * 1024;

/** Palisade's own policies, shipped in `policies/` at the package root (from src/ or dist/). */
export const DEFAULT_POLICY_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

export interface PolicySource {
  readonly file: string;
  readonly text: string;
}

export interface PolicyReadError {
  readonly file: string;
  readonly message: string;
}

const POLICY_FILE = /\.(ya?ml)(\.gz)?$/;

async function readOne(file: string): Promise<PolicySource | PolicyReadError> {
  try {
    const info = await stat(file);
    if (info.size > MAX_POLICY_BYTES) return { file, message: `larger than ${MAX_POLICY_BYTES} bytes` };
    const bytes = await readFile(file);
    const text = file.endsWith('.gz') ? gunzipSync(bytes, { maxOutputLength: MAX_POLICY_BYTES }).toString('utf8') : bytes.toString('utf8');
    return { file, text };
  } catch (error) {
    return { file, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Expands directories (one level, sorted) and reads every policy file. */
export async function readPolicyFiles(paths: readonly string[]): Promise<{ sources: PolicySource[]; errors: PolicyReadError[] }> {
  const sources: PolicySource[] = [];
  const errors: PolicyReadError[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      const info = await stat(path);
      files = info.isDirectory() ? (await readdir(path)).filter((name) => POLICY_FILE.test(name)).sort().map((name) => join(path, name)) : [path];
    } catch (error) {
      errors.push({ file: path, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const file of files) {
      const read = await readOne(file);
      if ('text' in read) sources.push(read);
      else errors.push(read);
    }
  }
  return { sources, errors };
}

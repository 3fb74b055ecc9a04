// What the disk collectors learned from each file (a jar's coordinates and hash, the frameworks in
// an archive, the modules built into a program), kept on disk by the agent between ticks so a
// file unchanged since the last tick is not read again: after the first tick, a tick costs the
// walk and a lookup per file instead of reading and hashing every jar (seconds of CPU on a server
// full of them), and survives a restart. A file counts as unchanged while its path, device,
// inode, size, mtime and ctime are (ctime catches a jar rewritten in place with its mtime set
// back). Results are grouped under a namespace naming the collector and its version, so a
// collector whose rows change (its version bumped) reads everything again; FORMAT covers this
// file's own layout. Only what a tick looked up is written back: a deleted file drops out.
// Used only by the agent (see agent/inventory/inventory-loop.ts); a scan reads everything.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { FileStat } from '../../view/system-view.js';

/** Bumped when the layout of the file changes: an older file is then discarded, not misread. */
const FORMAT = 1;
/** Results kept at most (a few hundred bytes each); files beyond are read again next tick. */
export const MAX_RESULTS = 50_000;
/** A larger file is not what this writes (MAX_RESULTS of modest results): discarded unread. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** [dev, ino, size, mtimeMs, ctimeMs, result] */
type Entry = [number, number, number, number, number, unknown];
type Namespaces = Map<string, Map<string, Entry>>;

const familyOf = (namespace: string) => namespace.slice(0, namespace.lastIndexOf('@'));

function identityOf(stat: FileStat): [number, number, number, number, number] | null {
  if (stat.dev === undefined || stat.ino === undefined || stat.ctimeMs === undefined) return null;
  return [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs];
}

function parse(text: string): Namespaces {
  const parsed = JSON.parse(text) as { format?: unknown; namespaces?: unknown };
  if (parsed.format !== FORMAT || typeof parsed.namespaces !== 'object' || parsed.namespaces === null) throw new Error(`not format ${FORMAT}`);
  const namespaces: Namespaces = new Map();
  for (const [namespace, files] of Object.entries(parsed.namespaces as Record<string, unknown>)) {
    if (typeof files !== 'object' || files === null) throw new Error(`namespace ${namespace} is not an object`);
    const entries = new Map<string, Entry>();
    for (const [path, entry] of Object.entries(files as Record<string, unknown>)) {
      if (!Array.isArray(entry) || entry.length !== 6 || !entry.slice(0, 5).every((n) => typeof n === 'number')) throw new Error(`entry of ${path} is malformed`);
      entries.set(path, entry as Entry);
    }
    namespaces.set(namespace, entries);
  }
  return namespaces;
}

export class FileResults {
  /** What the last tick wrote, read on first use (a tick without disk kinds never reads it). */
  private previous: Namespaces | null = null;
  /** What this tick looked up or learned, per namespace touched. */
  private readonly current: Namespaces = new Map();
  private count = 0;

  /** `warn` hears of a file that was there but unreadable or damaged (and so discarded). */
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void,
  ) {}

  private load(): Namespaces {
    if (this.previous) return this.previous;
    this.previous = new Map();
    let text: string;
    try {
      const bytes = readFileSync(this.file);
      if (bytes.length > MAX_FILE_BYTES) throw new Error(`${bytes.length} bytes, more than ${MAX_FILE_BYTES}`);
      text = bytes.toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`disk result cache ${this.file} not read, every file is read again: ${(error as Error).message}`);
      return this.previous;
    }
    try {
      this.previous = parse(text);
    } catch (error) {
      this.warn(`disk result cache ${this.file} is damaged and was discarded, every file is read again: ${(error as Error).message}`);
    }
    return this.previous;
  }

  private touched(namespace: string): Map<string, Entry> {
    let entries = this.current.get(namespace);
    if (!entries) this.current.set(namespace, (entries = new Map()));
    return entries;
  }

  /** The result `namespace` stored for this file when it was exactly as `stat` says; else undefined. */
  get<T>(namespace: string, stat: FileStat): T | undefined {
    const identity = identityOf(stat);
    if (!identity) return undefined;
    const entries = this.touched(namespace);
    const entry = entries.get(stat.path) ?? this.load().get(namespace)?.get(stat.path);
    if (!entry || !identity.every((value, i) => entry[i] === value)) return undefined;
    if (!entries.has(stat.path)) {
      if (this.count >= MAX_RESULTS) return entry[5] as T;
      entries.set(stat.path, entry);
      this.count++;
    }
    return entry[5] as T;
  }

  set(namespace: string, stat: FileStat, result: unknown): void {
    const identity = identityOf(stat);
    if (!identity) return;
    const entries = this.touched(namespace);
    if (!entries.has(stat.path)) {
      if (this.count >= MAX_RESULTS) return;
      this.count++;
    }
    entries.set(stat.path, [...identity, result]);
  }

  /**
   * Writes what this tick looked up, with the untouched namespaces of the last file kept (a kind
   * that did not run this tick keeps its results), except older versions of a collector that ran.
   */
  save(): void {
    if (this.current.size === 0) return;
    const families = new Set([...this.current.keys()].map(familyOf));
    const out: Record<string, Record<string, Entry>> = {};
    let room = MAX_RESULTS - this.count;
    for (const [namespace, entries] of this.load()) {
      if (this.current.has(namespace) || families.has(familyOf(namespace)) || room <= 0) continue;
      const kept = [...entries].slice(0, room);
      room -= kept.length;
      out[namespace] = Object.fromEntries(kept);
    }
    for (const [namespace, entries] of this.current) out[namespace] = Object.fromEntries(entries);
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, namespaces: out }), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}

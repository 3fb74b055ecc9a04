// Follows the systemd journal through `journalctl -o json --follow`, for hosts where the auth
// messages live only in the journal (no rsyslog writing /var/log/auth.log). The cursor of the
// last entry handed over is kept in a small state file, and a restart resumes with
// `--after-cursor`, so it neither loses nor repeats entries. Only the login programs' entries are
// asked for (`--identifier`), so an idle host's busy journal costs nothing here.
// journalctl that exits (journal rotated away, binary missing) is started again with backoff.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { LineSplitter, type SplitItem } from '../../engines/login/line-splitter.js';
import { Backoff } from '../backoff.js';
import type { LineHandler } from './log-follower.js';

/** Programs whose journal entries the login classifiers read (PAM lines come under these too). */
export const JOURNAL_IDENTIFIERS: readonly string[] = ['sshd', 'sshd-session', 'dropbear', 'su', 'sudo', 'login'];

/** A journal entry whose export is longer than this is skipped (and counted), like a long log line. */
const MAX_ENTRY_BYTES = 256 * 1024;
/** On a first start (no cursor yet) entries this far back are read, like a log file read whole. */
const FIRST_START_LOOKBACK_MS = 24 * 3600_000;

interface State {
  readonly version: 1;
  /** What journalctl was asked for; a state for other arguments is not resumed from. */
  readonly args: string;
  readonly cursor: string;
  /** Number the next entry gets (the `line` of the login events it completes). */
  readonly line: number;
}

export interface JournalFollowerOptions {
  readonly statePath: string;
  readonly identifiers?: readonly string[];
  /** Which journal: none for the system journal, or `--namespace=…`, `--directory=…`, `--file=…`. */
  readonly journalArgs?: readonly string[];
  /** The journalctl binary (default from PATH). */
  readonly command?: string;
  readonly clock?: () => Date;
  readonly warn?: (message: string) => void;
}

// journalctl prints __CURSOR as a plain string; its characters never need JSON escaping.
const CURSOR = /"__CURSOR":"([^"\\]+)"/;

export class JournalFollower {
  private child: ChildProcess | null = null;
  private splitter: LineSplitter | null = null;
  private pending: SplitItem[] = [];
  private pendingCursor: string | null = null;
  /** Cursor of the last entry read, handed over or not: where a journalctl restarted in-process resumes. */
  private receivedCursor: string | null = null;
  private saved: State | null = null;
  private restored = false;
  private nextStartAt = 0;
  private readonly backoff = new Backoff(1000, 60_000);
  private readonly warn: (message: string) => void;
  private readonly clock: () => Date;
  private readonly selection: string;

  constructor(private readonly options: JournalFollowerOptions) {
    this.warn = options.warn ?? (() => {});
    this.clock = options.clock ?? (() => new Date());
    this.selection = JSON.stringify([...(options.journalArgs ?? []), ...(options.identifiers ?? JOURNAL_IDENTIFIERS)]);
  }

  /** Hands over the entries received since the last poll, then saves the cursor after them. */
  async poll(handle: LineHandler): Promise<number> {
    if (!this.restored) {
      this.restored = true;
      this.saved = await this.restore();
    }
    if (!this.child && Date.now() >= this.nextStartAt) this.start();
    const items = this.pending;
    const cursor = this.pendingCursor;
    this.pending = [];
    this.pendingCursor = null;
    if (items.length > 0) await handle(items);
    if (cursor !== null && this.splitter) await this.save({ version: 1, args: this.selection, cursor, line: this.splitter.nextLine });
    return items.length;
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  private async restore(): Promise<State | null> {
    try {
      const parsed = JSON.parse(await readFile(this.options.statePath, 'utf8')) as Partial<State>;
      if (parsed.version === 1 && parsed.args === this.selection && typeof parsed.cursor === 'string' && typeof parsed.line === 'number') return parsed as State;
      this.warn(`${this.options.statePath}: cursor is for another journal selection; starting from the last day's entries`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`${this.options.statePath}: unreadable cursor (${(error as Error).message}); starting from the last day's entries`);
    }
    return null;
  }

  private argsNow(): string[] {
    const args = ['--output=json', '--follow', '--no-pager', '--quiet', ...(this.options.journalArgs ?? [])];
    for (const identifier of this.options.identifiers ?? JOURNAL_IDENTIFIERS) args.push(`--identifier=${identifier}`);
    const cursor = this.receivedCursor ?? this.saved?.cursor;
    if (cursor) args.push(`--after-cursor=${cursor}`);
    else args.push(`--since=@${Math.floor((this.clock().getTime() - FIRST_START_LOOKBACK_MS) / 1000)}`);
    return args;
  }

  private start(): void {
    const command = this.options.command ?? 'journalctl';
    this.splitter ??= new LineSplitter(MAX_ENTRY_BYTES, this.saved?.line ?? 1);
    const splitter = this.splitter;
    const child = spawn(command, this.argsNow(), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const item of splitter.push(chunk)) {
        this.pending.push(item);
        if (item.kind === 'line') {
          const cursor = CURSOR.exec(item.text)?.[1];
          if (cursor) this.pendingCursor = this.receivedCursor = cursor;
        }
      }
      this.backoff.reset();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', (error) => {
      errors = `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`;
    });
    const usedCursor = this.receivedCursor ?? this.saved?.cursor ?? null;
    child.on('close', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      if (code !== 0 && usedCursor !== null && /seek to cursor/i.test(errors)) {
        // A cursor journalctl cannot seek to (the journal was vacuumed or replaced) would fail
        // every restart: it is dropped, and the last day's entries are read instead.
        this.warn(`journal cursor ${usedCursor} no longer found; reading the last day's entries instead`);
        this.receivedCursor = null;
        this.saved = null;
      }
      // A partial entry at exit is not parsed as if it were whole.
      for (const item of splitter.cut()) this.pending.push(item);
      const delay = this.backoff.next();
      this.nextStartAt = Date.now() + delay;
      this.warn(`${command} stopped (${signal ?? `exit ${code}`}${errors.trim() ? `: ${errors.trim().split('\n').slice(-2).join(' / ')}` : ''}); starting it again in ${Math.round(delay / 1000)} s`);
    });
  }

  private async save(state: State): Promise<void> {
    if (this.saved && this.saved.cursor === state.cursor && this.saved.line === state.line) return;
    const temporary = `${this.options.statePath}.tmp`;
    await writeFile(temporary, JSON.stringify(state));
    await rename(temporary, this.options.statePath);
    this.saved = state;
  }
}

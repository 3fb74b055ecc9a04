// One event per authentication attempt. sshd writes several lines about one attempt (the PAM
// module's line, then its own "Failed password"; "Too many authentication failures" without the
// address, then "Connection closed by ADDR"): lines of one connection (host, program, pid) are
// merged here, and the event's `line` is the line that completes it.
import type { LoginEvent } from '../../model/login.js';
import type { Signal } from './messages/signal.js';
import type { LogRecord } from './record.js';

const DAY_MS = 86_400_000;
/** Linux pids stay below 2^22 (pid_max); groups of host and program below 256: keys stay small integers. */
const PID_LIMIT = 2 ** 22;
const MAX_GROUPS = 256;
/** Days whose date text is kept (a log read at once rarely spans more). */
const MAX_DAYS = 64;
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** The answer for a line that completes no event (shared, never filled). */
const NONE: LoginEvent[] = [];

type FailureSignal = Extract<Signal, { kind: 'failure' }>;

interface Pending {
  readonly signal: FailureSignal;
  readonly record: LogRecord;
}

interface Connection {
  ip: string | null;
  port: number | null;
  succeeded: boolean;
  tooManyReported: boolean;
  pending: Pending | null;
  lastSeen: number;
}

export interface MergerOptions {
  /** Connections remembered at once; the oldest is closed (its held line emitted) past this. */
  readonly maxConnections?: number;
  /** A held line whose connection stays silent this long is emitted on its own by flushIdle. */
  readonly holdSeconds?: number;
}

function sameUser(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

/** Two lines can be one attempt when neither user nor peer differ (a missing one matches). */
function sameAttempt(held: FailureSignal, next: { user: string | null; ip: string | null }): boolean {
  return sameUser(held.user, next.user) && (held.ip === null || next.ip === null || held.ip === next.ip);
}

export class LoginMerger {
  private readonly connections = new Map<number | string, Connection>();
  private readonly maxConnections: number;
  private readonly holdMs: number;

  constructor(private readonly file: string, options: MergerOptions = {}) {
    this.maxConnections = options.maxConnections ?? 10_000;
    this.holdMs = (options.holdSeconds ?? 120) * 1000;
  }

  /** Feeds one classified record; returns the events it completes (often none). */
  push(record: LogRecord, signal: Signal): LoginEvent[] {
    // Filled in place and handed over only when it holds events: most lines complete none.
    const out = this.out;
    // Left over only if the previous line threw half-way; those events were never handed out.
    if (out.length > 0) out.length = 0;
    const key = this.keyOf(record);
    if (key === null || record.program === 'audit') {
      // Nothing to merge with: every line stands alone.
      if (signal.kind === 'success' || signal.kind === 'failure') out.push(this.event(signal, record, signal.ip, signal.user));
      else if (signal.kind === 'close' && signal.preauth) out.push(this.closeEvent(signal, record));
      return this.handOver();
    }
    let conn = this.connections.get(key);
    if (signal.kind === 'connect') {
      if (conn?.pending) out.push(this.fromPending(conn.pending, record, conn.ip));
      conn = undefined;
    }
    if (!conn) {
      conn = { ip: null, port: null, succeeded: false, tooManyReported: false, pending: null, lastSeen: 0 };
      this.connections.set(key, conn);
      if (this.connections.size > this.maxConnections) this.evictOldest(out);
    }
    // Eviction takes the oldest opened connection: a connection's lines are close together, so
    // insertion order is a good enough stand-in for least recently seen, and cheaper.
    conn.lastSeen = record.time?.getTime() ?? conn.lastSeen;

    switch (signal.kind) {
      case 'connect':
        conn.ip = signal.ip;
        conn.port = signal.port;
        break;
      case 'success': {
        if (conn.pending && !sameUser(conn.pending.signal.user, signal.user)) out.push(this.fromPending(conn.pending, record, signal.ip));
        // A held failure of the same user is absorbed: the stack or the next key succeeded.
        conn.pending = null;
        conn.succeeded = true;
        conn.ip = signal.ip ?? conn.ip;
        out.push(this.event(signal, record, signal.ip ?? conn.ip, signal.user));
        break;
      }
      case 'failure':
        this.failure(conn, signal, record, out);
        break;
      case 'close': {
        const ip = signal.ip ?? conn.ip;
        if (conn.pending) out.push(this.fromPending(conn.pending, record, ip, signal.user));
        else if (signal.preauth && !conn.succeeded) out.push(this.closeEvent(signal, record, ip));
        this.connections.delete(key);
        break;
      }
    }
    return this.handOver();
  }

  private out: LoginEvent[] = [];

  private handOver(): LoginEvent[] {
    const out = this.out;
    if (out.length === 0) return NONE;
    this.out = [];
    return out;
  }

  /** Interned "host|program" of connection keys; `lastGroup` is the one of the previous line. */
  private readonly groups = new Map<string, number>();
  private lastHost: string | null = null;
  private lastProgram = '';
  private lastGroup = -1;

  /**
   * The connection a line belongs to: host, program (sshd-session is sshd) and pid, or null
   * without a pid. Usually a small integer (group << 22 | pid) rather than a string built and
   * hashed per line; the string is the fallback past 256 groups or for a pid beyond Linux's
   * 2^22. Either way one connection always gets the same key, and two never share one.
   */
  private keyOf(record: LogRecord): number | string | null {
    const pid = record.pid;
    if (pid === null) return null;
    const program = record.program === 'sshd-session' ? 'sshd' : record.program;
    if (this.lastGroup < 0 || record.host !== this.lastHost || program !== this.lastProgram) {
      const name = `${record.host ?? ''}|${program}`;
      let group = this.groups.get(name);
      if (group === undefined && this.groups.size < MAX_GROUPS) {
        group = this.groups.size;
        this.groups.set(name, group);
      }
      if (group === undefined) return `${name}|${pid}`;
      this.lastHost = record.host;
      this.lastProgram = program;
      this.lastGroup = group;
    }
    return Number.isInteger(pid) && pid >= 0 && pid < PID_LIMIT ? this.lastGroup * PID_LIMIT + pid : `${record.host ?? ''}|${program}|${pid}`;
  }

  private failure(conn: Connection, signal: FailureSignal, record: LogRecord, out: LoginEvent[]): void {
    if (signal.ip !== null) conn.ip = signal.ip;
    if (signal.echoesTooMany && conn.tooManyReported && !conn.pending) return;
    if (signal.reason === 'too_many_failures') conn.tooManyReported = true;
    const ip = signal.ip ?? conn.ip;
    const pending = conn.pending;
    if (pending) {
      if (sameAttempt(pending.signal, signal)) {
        conn.pending = null;
        if (signal.tentative) {
          // Another hint about the same attempt (a second PAM module, the next refused key).
          conn.pending = { signal: { ...pending.signal, ip: pending.signal.ip ?? ip, user: pending.signal.user ?? signal.user }, record: pending.record };
          return;
        }
        const user = signal.user ?? pending.signal.user;
        if (ip === null && signal.service === 'sshd') {
          conn.pending = { signal: { ...signal, user, tentative: false }, record };
          return;
        }
        out.push(this.event(signal, record, ip, user));
        return;
      }
      out.push(this.fromPending(pending, record, ip));
      conn.pending = null;
    }
    // Only a network service's failure waits for its peer's address; su and sudo have none.
    if (signal.tentative || (ip === null && signal.service === 'sshd')) {
      conn.pending = { signal, record };
      return;
    }
    out.push(this.event(signal, record, ip, signal.user));
  }

  /** A held line completed by `record` (a later line of its connection). */
  private fromPending(pending: Pending, record: LogRecord, ip: string | null, user: string | null = null): LoginEvent {
    const signal = pending.signal;
    const time = record.time ?? pending.record.time;
    return this.event(signal, { ...record, time }, signal.ip ?? ip, signal.user ?? user);
  }

  private closeEvent(signal: Extract<Signal, { kind: 'close' }>, record: LogRecord, ip: string | null = signal.ip): LoginEvent {
    return this.event({ kind: 'failure', service: signal.service, reason: 'preauth_disconnect', user: signal.user, ip, port: signal.port }, record, ip, signal.user);
  }

  private event(signal: Extract<Signal, { kind: 'success' | 'failure' }>, record: LogRecord, ip: string | null, user: string | null): LoginEvent {
    return {
      type: signal.kind,
      service: signal.service,
      reason: signal.reason,
      user,
      sourceIp: ip,
      sourcePort: signal.port,
      host: record.host,
      time: this.iso(record.time),
      file: this.file,
      line: record.line,
    };
  }

  /** Lines of one second share their time (syslog-time.ts): format it once. */
  private lastTime = Number.NaN;
  private lastIso = '';
  /** "2026-11-27T" by the start (ms) of its UTC day; a log spans few days at a time. */
  private readonly dayPrefixes = new Map<number, string>();

  /**
   * `toISOString` per event was a tenth of the parse time: the date part is formatted once per
   * day, the clock part from digits. Same text as `toISOString` (which still formats the first
   * time of each day, and throws for an invalid Date as before).
   */
  private iso(time: Date | null): string | null {
    if (time === null) return null;
    const t = time.getTime();
    if (t === this.lastTime) return this.lastIso;
    const day = Math.floor(t / DAY_MS) * DAY_MS;
    const prefix = this.dayPrefixes.get(day);
    if (prefix === undefined) {
      const full = time.toISOString();
      if (this.dayPrefixes.size >= MAX_DAYS) this.dayPrefixes.clear();
      this.dayPrefixes.set(day, full.slice(0, full.indexOf('T') + 1));
      this.lastTime = t;
      this.lastIso = full;
      return full;
    }
    let rest = t - day;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1000);
    const ms = rest - seconds * 1000;
    this.lastTime = t;
    this.lastIso = `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
    return this.lastIso;
  }

  private evictOldest(out: LoginEvent[]): void {
    const [oldestKey, oldest] = this.connections.entries().next().value ?? [];
    if (oldestKey === undefined || !oldest) return;
    if (oldest.pending) out.push(this.fromPending(oldest.pending, oldest.pending.record, oldest.ip));
    this.connections.delete(oldestKey);
  }

  /** Emits held lines whose connection has been silent for the hold time (agent timer). */
  flushIdle(now: Date): LoginEvent[] {
    const out: LoginEvent[] = [];
    for (const [key, conn] of this.connections) {
      if (now.getTime() - conn.lastSeen < this.holdMs) continue;
      if (conn.pending) out.push(this.fromPending(conn.pending, conn.pending.record, conn.ip));
      this.connections.delete(key);
    }
    return out;
  }

  /** End of input: every held line becomes an event on its own line. */
  end(): LoginEvent[] {
    const out: LoginEvent[] = [];
    for (const conn of this.connections.values()) {
      if (conn.pending) out.push(this.fromPending(conn.pending, conn.pending.record, conn.ip));
    }
    this.connections.clear();
    return out;
  }
}

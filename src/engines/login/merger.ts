// One event per authentication attempt. sshd writes several lines about one attempt (the PAM
// module's line, then its own "Failed password"; "Too many authentication failures" without the
// address, then "Connection closed by ADDR"): lines of one connection (host, program, pid) are
// merged here, and the event's `line` is the line that completes it.
import type { LoginEvent } from '../../model/login.js';
import type { Signal } from './messages/signal.js';
import type { LogRecord } from './record.js';

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
  private readonly connections = new Map<string, Connection>();
  private readonly maxConnections: number;
  private readonly holdMs: number;

  constructor(private readonly file: string, options: MergerOptions = {}) {
    this.maxConnections = options.maxConnections ?? 10_000;
    this.holdMs = (options.holdSeconds ?? 120) * 1000;
  }

  /** Feeds one classified record; returns the events it completes (often none). */
  push(record: LogRecord, signal: Signal): LoginEvent[] {
    const out: LoginEvent[] = [];
    const key = record.pid === null ? null : `${record.host ?? ''}|${record.program === 'sshd-session' ? 'sshd' : record.program}|${record.pid}`;
    if (key === null || record.program === 'audit') {
      // Nothing to merge with: every line stands alone.
      if (signal.kind === 'success' || signal.kind === 'failure') out.push(this.event(signal, record, signal.ip, signal.user));
      else if (signal.kind === 'close' && signal.preauth) out.push(this.closeEvent(signal, record));
      return out;
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
    return out;
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

  /** Lines of one second share their Date (syslog-time.ts): format it once. */
  private lastDate: Date | null = null;
  private lastIso: string | null = null;
  private iso(time: Date | null): string | null {
    if (time === null) return null;
    if (time !== this.lastDate) {
      this.lastDate = time;
      this.lastIso = time.toISOString();
    }
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

// The agent's disk-backed spool (DESIGN.md "Data flow"): an event is accepted only once it is in
// this SQLite file with the write synced to disk; it leaves only after the server acknowledged
// that it committed it. The spool is bounded: when full it refuses new events (the oldest, often
// the first signs of an intrusion, are the last to go) and counts what it refused by type, and it
// reports those counts to the server as an event once there is room again.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SPOOL_DROPPED } from '../model/agent-event-types.js';
import type { AgentEvent } from '../model/host.js';

export interface SpoolLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

export const DEFAULT_SPOOL_LIMITS: SpoolLimits = { maxEvents: 500_000, maxBytes: 256 * 1024 * 1024 };

export interface NewEvent {
  readonly type: string;
  readonly time: string;
  readonly data: Record<string, unknown>;
}

export interface SpoolStats {
  readonly pending: number;
  readonly bytes: number;
  readonly dropped: Readonly<Record<string, number>>;
}

export const DROPPED_EVENT_TYPE = SPOOL_DROPPED;

export class Spool {
  readonly spoolId: string;
  private readonly db: SQLite.Database;
  private pending: number;
  private bytes: number;
  private dropped: Record<string, number>;
  private readonly listeners = new Set<() => void>();

  constructor(
    path: string,
    private readonly limits: SpoolLimits = DEFAULT_SPOOL_LIMITS,
  ) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.db = new SQLite(path);
    this.db.pragma('journal_mode = WAL');
    // FULL: every committed append is fsynced before append() returns (sqlite.org/pragma.html#pragma_synchronous).
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      create table if not exists meta (key text primary key, value text not null);
      create table if not exists events (seq integer primary key autoincrement, type text not null, time text not null, data text not null, size integer not null);
    `);
    const meta = (key: string) => (this.db.prepare('select value from meta where key = ?').get(key) as { value: string } | undefined)?.value;
    this.spoolId = meta('spool_id') ?? this.initSpoolId();
    this.dropped = JSON.parse(meta('dropped') ?? '{}') as Record<string, number>;
    const totals = this.db.prepare('select count(*) as n, coalesce(sum(size), 0) as bytes from events').get() as { n: number; bytes: number };
    this.pending = totals.n;
    this.bytes = totals.bytes;
  }

  private initSpoolId(): string {
    const id = randomUUID();
    this.db.prepare('insert into meta (key, value) values (?, ?)').run('spool_id', id);
    return id;
  }

  /** Appends events durably; returns how many were accepted and how many refused for lack of room. */
  append(events: readonly NewEvent[]): { accepted: number; dropped: number } {
    const insert = this.db.prepare('insert into events (type, time, data, size) values (?, ?, ?, ?)');
    let accepted = 0;
    const refused: Record<string, number> = {};
    this.db.transaction(() => {
      for (const event of events) {
        const data = JSON.stringify(event.data);
        const size = data.length + event.type.length + event.time.length;
        if (this.pending + 1 > this.limits.maxEvents || this.bytes + size > this.limits.maxBytes) {
          refused[event.type] = (refused[event.type] ?? 0) + 1;
          continue;
        }
        insert.run(event.type, event.time, data, size);
        this.pending++;
        this.bytes += size;
        accepted++;
      }
      if (Object.keys(refused).length > 0) {
        for (const [type, count] of Object.entries(refused)) this.dropped[type] = (this.dropped[type] ?? 0) + count;
        this.saveDropped();
      }
    })();
    if (accepted > 0) for (const listener of this.listeners) listener();
    return { accepted, dropped: events.length - accepted };
  }

  /** The oldest events, in sequence order, up to `limit` events or about `maxBytes`. */
  peek(limit: number, maxBytes = 4 * 1024 * 1024): AgentEvent[] {
    const rows = this.db.prepare('select seq, type, time, data, size from events order by seq limit ?').all(limit) as {
      seq: number;
      type: string;
      time: string;
      data: string;
      size: number;
    }[];
    const batch: AgentEvent[] = [];
    let bytes = 0;
    for (const row of rows) {
      if (batch.length > 0 && bytes + row.size > maxBytes) break;
      bytes += row.size;
      batch.push({ seq: row.seq, type: row.type, time: row.time, data: JSON.parse(row.data) as Record<string, unknown> });
    }
    return batch;
  }

  /** Removes events the server has committed, then reports refused events if there is room. */
  ack(seqs: readonly number[], now: Date): void {
    if (seqs.length === 0) return;
    const remove = this.db.prepare('delete from events where seq = ? returning size');
    this.db.transaction(() => {
      for (const seq of seqs) {
        const row = remove.get(seq) as { size: number } | undefined;
        if (row) {
          this.pending--;
          this.bytes -= row.size;
        }
      }
    })();
    this.reportDropped(now);
  }

  private reportDropped(now: Date): void {
    if (Object.keys(this.dropped).length === 0 || this.pending >= this.limits.maxEvents) return;
    const counts = this.dropped;
    this.dropped = {};
    this.saveDropped();
    const { accepted } = this.append([{ type: DROPPED_EVENT_TYPE, time: now.toISOString(), data: { counts, reason: 'spool full' } }]);
    if (accepted === 0) {
      this.dropped = counts;
      this.saveDropped();
    }
  }

  private saveDropped(): void {
    this.db.prepare('insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value').run('dropped', JSON.stringify(this.dropped));
  }

  stats(): SpoolStats {
    return { pending: this.pending, bytes: this.bytes, dropped: { ...this.dropped } };
  }

  /** Calls `listener` after every append that accepted events; returns the unsubscribe. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.db.close();
  }
}

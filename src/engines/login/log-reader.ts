// The whole path from lines to login events for one file: pick the source parser, parse,
// classify, merge. Used by `palisade scan logs` and by the agent's log follower alike.
import type { LoginEvent } from '../../model/login.js';
import type { ScanWarning } from '../../model/common.js';
import type { SplitItem } from './line-splitter.js';
import { LoginMerger, type MergerOptions } from './merger.js';
import { classify } from './messages/index.js';
import type { LineParser, ParseContext } from './record.js';
import { pickParser } from './sources/index.js';

export interface LoginLogReaderOptions {
  readonly file: string;
  readonly context: ParseContext;
  /** Chosen from the first lines when absent. */
  readonly parser?: LineParser;
  readonly merger?: MergerOptions;
}

const SNIFF_LINES = 20;
/** Most lines complete no event: one shared empty answer spares an allocation per line. */
const NO_EVENTS: LoginEvent[] = [];

export class LoginLogReader {
  private parser: LineParser | null;
  private readonly merger: LoginMerger;
  private readonly sample: { line: number; text: string }[] = [];
  private lastTime = 0;
  readonly warnings: ScanWarning[] = [];
  readonly counts = { lines: 0, records: 0, events: 0, tooLong: 0, binary: 0, cut: 0, outOfOrder: 0 };

  /** Its `now` places year-less dates; a long-running follower moves it on with flushIdle. */
  private context: ParseContext;

  constructor(private readonly options: LoginLogReaderOptions) {
    this.context = options.context;
    this.parser = options.parser ?? null;
    this.merger = new LoginMerger(options.file, options.merger);
  }

  get parserName(): string | null {
    return this.parser?.name ?? null;
  }

  /** Feeds one split line (or a skipped one); returns the events it completes. */
  push(item: SplitItem): LoginEvent[] {
    if (item.kind === 'skipped') {
      this.counts[item.reason === 'too_long' ? 'tooLong' : item.reason]++;
      const why = { too_long: `longer than the line limit (${item.bytes} bytes)`, binary: 'binary data (NUL bytes)', cut: `cut off (${item.bytes} bytes without an end of line)` };
      this.warnings.push({ source: 'logins', path: this.options.file, message: `line ${item.line}: skipped, ${why[item.reason]}` });
      return NO_EVENTS;
    }
    this.counts.lines++;
    if (!this.parser) {
      this.sample.push(item);
      if (this.sample.length < SNIFF_LINES) return NO_EVENTS;
      return this.drainSample();
    }
    return this.parse(item.text, item.line);
  }

  private drainSample(): LoginEvent[] {
    this.parser = pickParser(this.sample.map((s) => s.text));
    const out: LoginEvent[] = [];
    for (const s of this.sample.splice(0)) out.push(...this.parse(s.text, s.line));
    return out;
  }

  private parse(text: string, line: number): LoginEvent[] {
    const record = this.parser?.parse(text, line, this.context);
    if (!record) return NO_EVENTS;
    this.counts.records++;
    if (record.time) {
      const t = record.time.getTime();
      if (t < this.lastTime) this.counts.outOfOrder++;
      else this.lastTime = t;
    }
    const signal = classify(record);
    if (!signal) return NO_EVENTS;
    const events = this.merger.push(record, signal);
    this.counts.events += events.length;
    return events.length === 0 ? NO_EVENTS : events;
  }

  /** Emits lines held for merging whose connection went silent (the follower's timer). */
  flushIdle(now: Date): LoginEvent[] {
    // The agent runs for months: December lines read next year need this year's clock.
    if (now.getTime() > this.context.now.getTime()) this.context = { ...this.context, now };
    // A quiet log must not keep its first lines waiting for the format to be sniffed.
    const sampled = this.parser || this.sample.length === 0 ? [] : this.drainSample();
    const events = this.merger.flushIdle(now);
    this.counts.events += events.length;
    return sampled.length === 0 ? events : [...sampled, ...events];
  }

  /** End of the file: parses what is left and emits every held line. */
  end(): LoginEvent[] {
    const out = this.parser ? [] : this.drainSample();
    const held = this.merger.end();
    this.counts.events += held.length;
    out.push(...held);
    if (this.counts.outOfOrder > 0) {
      this.warnings.push({ source: 'logins', path: this.options.file, message: `${this.counts.outOfOrder} lines have a time earlier than a line before them (kept; detectors order by time)` });
    }
    return out;
  }
}

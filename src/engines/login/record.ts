// What a log source parser yields for one line: the syslog-style header split from the message.
// Message classifiers (messages/) then turn the message into a login signal.

export interface LogRecord {
  /** Null when the line carries no time at all (journal short format without a timestamp). */
  readonly time: Date | null;
  readonly host: string | null;
  /** The logging program as written, e.g. "sshd", "sshd-session", "su", "audit". */
  readonly program: string;
  readonly pid: number | null;
  readonly message: string;
  /** 1-based line number in its file. */
  readonly line: number;
}

export interface ParseContext {
  /** The clock that places year-less syslog dates (never Date.now() in an engine). */
  readonly now: Date;
  /** Offset of the host's local time zone for year-less and zone-less dates, in minutes east of UTC. */
  readonly utcOffsetMinutes: number;
}

/** One log source format (syslog text, journald JSON, audit records). Registered in sources/index.ts. */
export interface LineParser {
  readonly name: string;
  /** Bumped when parsing results would change (STYLE.md habit 4). */
  readonly version: number;
  /** Whether a sample line looks like this format; used to pick a parser for a file. */
  sniff(line: string): boolean;
  /** Null for a line that is not a log record of this format (blank, comment, foreign). */
  parse(line: string, lineNo: number, context: ParseContext): LogRecord | null;
}

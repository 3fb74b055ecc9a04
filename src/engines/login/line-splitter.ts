// Splits a byte stream into log lines without ever holding more than one line: a line longer
// than the cap is dropped as it streams by, a line with NUL bytes is binary. Both are reported
// as skipped (with their line number) instead of parsed. Text that is not valid UTF-8 is read as
// Latin-1, the usual encoding of old syslog files (fail2ban's corpus has "Déc" in ISO-8859-1).

export type SplitItem =
  | { readonly kind: 'line'; readonly line: number; readonly text: string }
  | { readonly kind: 'skipped'; readonly line: number; readonly reason: 'too_long' | 'binary' | 'cut'; readonly bytes: number };

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

function decode(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const text = buffer.toString('utf8');
  return text.includes('\uFFFD') ? buffer.toString('latin1') : text;
}

export class LineSplitter {
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  private overflow = false;
  private lineNo: number;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES, firstLine = 1) {
    this.lineNo = firstLine;
  }

  /** The number the next complete line will get. */
  get nextLine(): number {
    return this.lineNo;
  }

  /** Bytes held for a line not yet ended by "\n" (the follower keeps its offset before them). */
  get heldBytes(): number {
    return this.partBytes;
  }

  /**
   * Splits a chunk; a trailing line without "\n" is held until the next chunk or `end`. The lines
   * come back as an array (not yielded one by one), for the cost
   * the generator hides: a resumed generator per line was a visible share of the parse time.
   */
  push(chunk: Uint8Array): SplitItem[] {
    const out: SplitItem[] = [];
    let start = 0;
    if (this.partBytes > 0 || this.overflow) {
      // Finish the line held from the previous chunk first.
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.hold(chunk);
        return out;
      }
      out.push(this.finish(chunk.subarray(0, nl)));
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start && this.wholeLinesFast(chunk.subarray(start, last), out)) start = last + 1;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      out.push(this.finish(chunk.subarray(start, nl)));
      start = nl + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
    return out;
  }

  /**
   * The common case, decoded in one go: a run of whole lines with no NUL byte that is valid
   * UTF-8, added to `out`. Returns false (nothing consumed) when the careful per-line path is needed.
   */
  private wholeLinesFast(region: Uint8Array, out: SplitItem[]): boolean {
    if (region.indexOf(0) >= 0) return false;
    const text = Buffer.from(region.buffer, region.byteOffset, region.length).toString('utf8');
    if (text.includes('\uFFFD')) return false;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const end = nl < 0 ? text.length : nl;
      // A UTF-16 unit is at most 3 UTF-8 bytes: only long lines need their bytes counted.
      const bytes = (end - from) * 3 > this.maxLineBytes ? Buffer.byteLength(text.slice(from, end)) : 0;
      if (bytes > this.maxLineBytes) out.push({ kind: 'skipped', line: this.lineNo++, reason: 'too_long', bytes });
      else out.push({ kind: 'line', line: this.lineNo++, text: text.slice(from, end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end) });
      if (nl < 0) break;
      from = nl + 1;
    }
    return true;
  }

  /** End of input: the held partial line, if any, is a line. */
  end(): SplitItem[] {
    return this.partBytes > 0 || this.overflow ? [this.finish(new Uint8Array(0))] : [];
  }

  /**
   * The input stopped mid-line for good (a rotated file whose writer never ended its last
   * line): the partial line is reported as cut, not parsed as if it were whole.
   */
  cut(): SplitItem[] {
    if (this.partBytes === 0 && !this.overflow) return [];
    const bytes = this.partBytes;
    this.parts = [];
    this.partBytes = 0;
    this.overflow = false;
    return [{ kind: 'skipped', line: this.lineNo++, reason: 'cut', bytes }];
  }

  private hold(bytes: Uint8Array): void {
    if (this.overflow) {
      this.partBytes += bytes.length;
      return;
    }
    this.parts.push(Uint8Array.from(bytes));
    this.partBytes += bytes.length;
    if (this.partBytes > this.maxLineBytes) {
      this.overflow = true;
      this.parts = [];
    }
  }

  private finish(tail: Uint8Array): SplitItem {
    const line = this.lineNo++;
    const total = this.partBytes + tail.length;
    const overflow = this.overflow || total > this.maxLineBytes;
    let bytes = tail;
    if (!overflow && this.parts.length > 0) {
      bytes = new Uint8Array(total);
      let at = 0;
      for (const part of this.parts) {
        bytes.set(part, at);
        at += part.length;
      }
      bytes.set(tail, at);
    }
    this.parts = [];
    this.partBytes = 0;
    this.overflow = false;
    if (overflow) return { kind: 'skipped', line, reason: 'too_long', bytes: total };
    if (bytes.indexOf(0) >= 0) return { kind: 'skipped', line, reason: 'binary', bytes: total };
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 13) end--;
    return { kind: 'line', line, text: decode(bytes.subarray(0, end)) };
  }
}

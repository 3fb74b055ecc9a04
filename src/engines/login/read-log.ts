// A whole log held in memory (a Buffer, or chunks of one) to login events: the batch form of
// LoginLogReader that `palisade scan logs`, the tests and the bench use.
import type { LoginEvent } from '../../model/login.js';
import type { ScanWarning } from '../../model/common.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './line-splitter.js';
import { LoginLogReader } from './log-reader.js';
import type { ParseContext } from './record.js';

export interface ReadLogResult {
  readonly events: LoginEvent[];
  readonly warnings: ScanWarning[];
  readonly counts: LoginLogReader['counts'];
  readonly parser: string | null;
}

export function readLoginLog(
  file: string,
  chunks: Iterable<Uint8Array>,
  context: ParseContext,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
): ReadLogResult {
  const reader = new LoginLogReader({ file, context });
  const splitter = new LineSplitter(maxLineBytes);
  const events: LoginEvent[] = [];
  for (const chunk of chunks) for (const item of splitter.push(chunk)) events.push(...reader.push(item));
  for (const item of splitter.end()) events.push(...reader.push(item));
  events.push(...reader.end());
  // Lines held for merging until the end come out last: put every event back in line order.
  events.sort((a, b) => a.line - b.line);
  return { events, warnings: reader.warnings, counts: reader.counts, parser: reader.parserName };
}

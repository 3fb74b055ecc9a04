// Binary login records: wtmp (logins), btmp (failed logins) and lastlog (last login per uid), in
// glibc's x86-64/aarch64 layout (struct utmp is 384 bytes, struct lastlog 292). A parser over
// Buffers: the caller reads the file. A short trailing record is reported, not guessed at.
import type { LoginEvent } from '../../../model/login.js';
import { normalizeAddress } from '../ip.js';

export const UTMP_RECORD_BYTES = 384;
export const LASTLOG_RECORD_BYTES = 292;

const USER_PROCESS = 7;
const LOGIN_PROCESS = 6;

function cString(buffer: Buffer, start: number, length: number): string {
  const end = buffer.indexOf(0, start);
  return buffer.toString('utf8', start, end < 0 || end > start + length ? start + length : end);
}

function address(buffer: Buffer, at: number): string | null {
  const words = [0, 4, 8, 12].map((o) => buffer.readUInt32BE(at + o));
  if (words.every((w) => w === 0)) return null;
  if (words[1] === 0 && words[2] === 0 && words[3] === 0) return [0, 1, 2, 3].map((i) => buffer[at + i]).join('.');
  const hextets: string[] = [];
  for (let i = 0; i < 16; i += 2) hextets.push(buffer.readUInt16BE(at + i).toString(16));
  return normalizeAddress(hextets.join(':').replace(/(^|:)0(:0)+(:|$)/, '::'));
}

export interface UtmpRecord {
  readonly type: number;
  readonly pid: number;
  readonly line: string;
  readonly user: string;
  readonly host: string;
  readonly time: Date;
  readonly address: string | null;
}

export interface BinaryParse<T> {
  readonly records: T[];
  /** Bytes at the end that do not make a whole record (a file being written, or not utmp). */
  readonly trailingBytes: number;
}

export function parseUtmp(buffer: Buffer): BinaryParse<UtmpRecord> {
  const records: UtmpRecord[] = [];
  const whole = buffer.length - (buffer.length % UTMP_RECORD_BYTES);
  for (let at = 0; at < whole; at += UTMP_RECORD_BYTES) {
    records.push({
      type: buffer.readInt16LE(at),
      pid: buffer.readInt32LE(at + 4),
      line: cString(buffer, at + 8, 32),
      user: cString(buffer, at + 44, 32),
      host: cString(buffer, at + 76, 256),
      time: new Date(buffer.readInt32LE(at + 340) * 1000 + Math.floor(buffer.readInt32LE(at + 344) / 1000)),
      address: address(buffer, at + 348),
    });
  }
  return { records, trailingBytes: buffer.length - whole };
}

/**
 * wtmp USER_PROCESS records are successful logins, btmp records (LOGIN_PROCESS or USER_PROCESS,
 * as login(1) and sshd write them) failed ones. `line` is the 1-based record number.
 */
export function utmpLoginEvents(buffer: Buffer, file: string, kind: 'wtmp' | 'btmp'): BinaryParse<LoginEvent> {
  const { records, trailingBytes } = parseUtmp(buffer);
  const events: LoginEvent[] = [];
  records.forEach((record, index) => {
    const isLogin = record.type === USER_PROCESS || (kind === 'btmp' && record.type === LOGIN_PROCESS);
    if (!isLogin || record.user === '') return;
    const remote = record.address ?? (record.host !== '' ? record.host : null);
    events.push({
      type: kind === 'wtmp' ? 'success' : 'failure',
      service: record.line.startsWith('ssh:') || (remote !== null && record.line.startsWith('pts/')) ? 'sshd' : 'login',
      reason: kind === 'wtmp' ? 'session' : 'wrong_password',
      user: record.user,
      sourceIp: remote === null ? null : normalizeAddress(remote),
      sourcePort: null,
      host: null,
      time: record.time.toISOString(),
      file,
      line: index + 1,
    });
  });
  return { records: events, trailingBytes };
}

export interface LastlogRecord {
  readonly uid: number;
  readonly time: Date;
  readonly line: string;
  readonly host: string;
}

/** lastlog is indexed by uid; uids that never logged in (time 0) are left out. */
export function parseLastlog(buffer: Buffer): BinaryParse<LastlogRecord> {
  const records: LastlogRecord[] = [];
  const whole = buffer.length - (buffer.length % LASTLOG_RECORD_BYTES);
  for (let at = 0, uid = 0; at < whole; at += LASTLOG_RECORD_BYTES, uid++) {
    const seconds = buffer.readUInt32LE(at);
    if (seconds === 0) continue;
    records.push({ uid, time: new Date(seconds * 1000), line: cString(buffer, at + 4, 32), host: cString(buffer, at + 36, 256) });
  }
  return { records, trailingBytes: buffer.length - whole };
}

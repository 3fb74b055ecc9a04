// Last logins. Classic /var/log/lastlog is a sparse array of fixed records indexed by uid
// (lastlog(8); glibc's struct lastlog on Linux: int32 time, char line[32], char host[256]).
// Newer distributions keep lastlog2's SQLite table Lastlog2(Name, Time, TTY, RemoteHost, Service).
export const LASTLOG_RECORD_BYTES = 292;
const LINE_BYTES = 32;
const HOST_BYTES = 256;

export interface LastLogin {
  readonly time: Date;
  readonly from: string | null;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end < 0 ? bytes.length : end);
}

/** The record of `uid` in a lastlog file read from its start; null when never logged in. */
export function lastlogRecord(file: Buffer, uid: number): LastLogin | null {
  const at = uid * LASTLOG_RECORD_BYTES;
  if (uid < 0 || at + LASTLOG_RECORD_BYTES > file.length) return null;
  const seconds = file.readInt32LE(at);
  if (seconds <= 0) return null;
  const host = cString(file.subarray(at + 4 + LINE_BYTES, at + 4 + LINE_BYTES + HOST_BYTES));
  const line = cString(file.subarray(at + 4, at + 4 + LINE_BYTES));
  return { time: new Date(seconds * 1000), from: host || line || null };
}

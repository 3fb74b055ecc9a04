// /etc/passwd, /etc/shadow and /etc/group: colon-separated lines (passwd(5), shadow(5), group(5)).
// Malformed lines are returned by number so the collector can warn and go on.
export interface PasswdEntry {
  readonly name: string;
  readonly password: string;
  readonly uid: number;
  readonly gid: number;
  readonly gecos: string;
  readonly home: string;
  readonly shell: string;
}

export interface ShadowEntry {
  readonly name: string;
  readonly hash: string;
  /** Days since 1970-01-01 of the last change; 0 forces a change at next login; null when empty. */
  readonly lastChange: number | null;
  readonly maxDays: number | null;
  readonly inactiveDays: number | null;
  readonly expireDay: number | null;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

export interface Parsed<T> {
  readonly entries: T[];
  readonly badLines: number[];
}

function eachLine<T>(text: string, fields: number, build: (parts: string[]) => T | null): Parsed<T> {
  const entries: T[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    // Blank lines, comments and NIS "+"/"-" compat lines carry no local account.
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) return;
    const parts = line.split(':');
    const entry = parts.length >= fields && parts[0] !== '' ? build(parts) : null;
    if (entry === null) badLines.push(index + 1);
    else entries.push(entry);
  });
  return { entries, badLines };
}

const integer = (text: string | undefined): number | null => (text !== undefined && /^-?\d+$/.test(text) ? Number(text) : null);

export function parsePasswd(text: string): Parsed<PasswdEntry> {
  return eachLine(text, 7, ([name, password, uid, gid, gecos, home, shell]) => {
    const u = integer(uid);
    const g = integer(gid);
    if (u === null || g === null) return null;
    return { name: name as string, password: password ?? '', uid: u, gid: g, gecos: gecos ?? '', home: home ?? '', shell: shell ?? '' };
  });
}

export function parseShadow(text: string): Parsed<ShadowEntry> {
  return eachLine(text, 2, ([name, hash, lastChange, , maxDays, , inactiveDays, expireDay]) => ({
    name: name as string,
    hash: hash ?? '',
    lastChange: integer(lastChange),
    maxDays: integer(maxDays),
    inactiveDays: integer(inactiveDays),
    expireDay: integer(expireDay),
  }));
}

export function parseGroup(text: string): Parsed<GroupEntry> {
  return eachLine(text, 4, ([name, , gid, members]) => {
    const g = integer(gid);
    if (g === null) return null;
    return { name: name as string, gid: g, members: (members ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '') };
  });
}

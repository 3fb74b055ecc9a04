// Local accounts: passwd + shadow + group + sudoers + last login. The password hash never leaves
// this file: it is reduced to a state. Without permission to read /etc/shadow the state is
// "notVisible" and the report says so, rather than guessing.
import type { Account } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { parseGroup, parsePasswd, parseShadow, type ShadowEntry } from './accounts/colon-files.js';
import { LASTLOG_RECORD_BYTES, lastlogRecord, type LastLogin } from './accounts/lastlog.js';
import { passwordState } from './accounts/password-state.js';
import { parseSudoers, ruleApplies, type SudoRule } from './accounts/sudoers.js';
import { Collected, type CollectContext, type Collector } from './collector.js';
import { MAX_WARNINGS_PER_FILE, readDirSafely, readHeadSafely, readTextSafely } from './read-safely.js';
import { withSqliteSnapshot } from './sqlite-snapshot.js';

const PASSWD = '/etc/passwd';
const SHADOW = '/etc/shadow';
const GROUP = '/etc/group';
const SUDOERS = '/etc/sudoers';
const LASTLOG = '/var/log/lastlog';
const LASTLOG2 = '/var/lib/lastlog/lastlog2.db';
/** Include nesting sudo itself allows (sudoers(5) "Including other files"). */
const MAX_SUDOERS_DEPTH = 128;
const MAX_LASTLOG_BYTES = 64 * 1024 * 1024;

const NO_LOGIN_SHELLS = new Set(['/usr/sbin/nologin', '/sbin/nologin', '/bin/false', '/usr/bin/false', '/bin/sync', '/usr/bin/sync', '/bin/true', '/usr/bin/true']);

function warnBadLines(out: Collected<'accounts'>, path: string, badLines: readonly number[]): void {
  for (const line of badLines.slice(0, MAX_WARNINGS_PER_FILE)) out.warn(`line ${line}: malformed entry, skipped`, path);
  if (badLines.length > MAX_WARNINGS_PER_FILE) out.warn(`${badLines.length - MAX_WARNINGS_PER_FILE} more malformed lines`, path);
}

async function sudoRules(view: SystemView, out: Collected<'accounts'>): Promise<SudoRule[]> {
  const rules: SudoRule[] = [];
  let aliases = new Map<string, readonly string[]>();
  const visited = new Set<string>();
  const readFile = async (path: string, depth: number): Promise<void> => {
    if (visited.has(path) || depth > MAX_SUDOERS_DEPTH) return;
    visited.add(path);
    const text = await readTextSafely(view, path, out);
    if (text === null) return;
    const parsed = parseSudoers(text, aliases);
    aliases = new Map(parsed.userAliases);
    rules.push(...parsed.rules);
    for (const include of parsed.includes) {
      // Relative include paths are relative to the including file's directory.
      const target = include.path.startsWith('/') ? include.path : `${path.slice(0, path.lastIndexOf('/'))}/${include.path}`;
      if (!include.dir) {
        await readFile(target, depth + 1);
        continue;
      }
      // sudo skips names ending in "~" or containing "." in an included directory.
      for (const name of (await readDirSafely(view, target, out)) ?? []) {
        if (!name.endsWith('~') && !name.includes('.')) await readFile(`${target}/${name}`, depth + 1);
      }
    }
  };
  await readFile(SUDOERS, 0);
  return rules;
}

async function lastLogins(view: SystemView, maxUid: number, out: Collected<'accounts'>): Promise<(name: string, uid: number) => LastLogin | null> {
  const byName = await withSqliteSnapshot(view, LASTLOG2, out, (db) => {
    const rows = db.prepare('SELECT Name AS name, Time AS time, TTY AS tty, RemoteHost AS host FROM Lastlog2').all() as { name: string; time: number; tty: string | null; host: string | null }[];
    return new Map(rows.filter((row) => row.time > 0).map((row) => [row.name, { time: new Date(row.time * 1000), from: row.host || row.tty || null }]));
  });
  // The file is sparse and indexed by uid: read only as far as the largest uid asks.
  const wanted = Math.min((maxUid + 1) * LASTLOG_RECORD_BYTES, MAX_LASTLOG_BYTES);
  const lastlog = await readHeadSafely(view, LASTLOG, out, wanted);
  return (name, uid) => byName?.get(name) ?? (lastlog ? lastlogRecord(lastlog, uid) : null);
}

export const accounts: Collector<'accounts'> = {
  name: 'accounts',
  kind: 'accounts',
  version: 1,
  liveOnly: false,
  needs: { files: [PASSWD, SHADOW, GROUP, SUDOERS, '/etc/shells', LASTLOG, LASTLOG2, `${LASTLOG2}-wal`], dirs: ['/etc/sudoers.d'] },
  async collect(view: SystemView, context: CollectContext) {
    const out = new Collected(this);
    const passwdText = await readTextSafely(view, PASSWD, out);
    if (passwdText === null) return out.output();
    const passwd = parsePasswd(passwdText);
    warnBadLines(out, PASSWD, passwd.badLines);

    const notesBefore = out.notVisible.length;
    const shadowText = await readTextSafely(view, SHADOW, out);
    const shadowHidden = out.notVisible.length > notesBefore;
    const shadow = new Map<string, ShadowEntry>();
    if (shadowText !== null) {
      const parsed = parseShadow(shadowText);
      warnBadLines(out, SHADOW, parsed.badLines);
      for (const entry of parsed.entries) shadow.set(entry.name, entry);
    }

    const groupText = await readTextSafely(view, GROUP, out);
    const groups = groupText === null ? { entries: [], badLines: [] } : parseGroup(groupText);
    warnBadLines(out, GROUP, groups.badLines);
    const groupName = new Map(groups.entries.map((g) => [g.gid, g.name]));

    const rules = await sudoRules(view, out);
    const maxUid = Math.max(0, ...passwd.entries.map((e) => e.uid).filter((uid) => uid < 65534));
    const lastLogin = await lastLogins(view, maxUid, out);
    const now = context.now();
    // /etc/shells lists the valid login shells (shells(5)); without it, only known non-shells are excluded.
    const shellsText = await readTextSafely(view, '/etc/shells', out);
    const shells = shellsText === null ? null : new Set(shellsText.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/')));

    for (const entry of passwd.entries) {
      const primary = groupName.get(entry.gid) ?? String(entry.gid);
      const supplementary = groups.entries.filter((g) => g.members.includes(entry.name));
      const names = [primary, ...supplementary.map((g) => g.name).filter((name) => name !== primary).sort()];
      const gids = [entry.gid, ...supplementary.map((g) => g.gid)];
      const shadowEntry = shadow.get(entry.name) ?? null;
      let state: Account['passwordState'];
      if (entry.password !== 'x') state = passwordState(entry.password, null, now);
      else if (shadowText === null) state = shadowHidden ? 'notVisible' : 'locked';
      // "x" with no shadow entry: no password can match.
      else state = shadowEntry ? passwordState(shadowEntry.hash, shadowEntry, now) : 'locked';
      const login = lastLogin(entry.name, entry.uid);
      // An empty shell field means /bin/sh (passwd(5)).
      const shell = entry.shell === '' ? '/bin/sh' : entry.shell;
      out.items.push({
        name: entry.name,
        uid: entry.uid,
        gid: entry.gid,
        groups: names,
        home: entry.home,
        shell: entry.shell,
        gecos: entry.gecos,
        canLogin: !NO_LOGIN_SHELLS.has(shell) && (shells === null || shells.has(shell)),
        passwordState: state,
        sudo: rules.filter((rule) => ruleApplies(rule, entry, names, gids)).map((rule) => rule.text),
        lastLogin: login ? login.time.toISOString() : null,
        lastLoginFrom: login?.from ?? null,
      });
    }
    return out.output();
  },
};

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HostView } from '../view/host-view.js';
import { NotVisibleError, type SystemView } from '../view/system-view.js';
import { accounts } from './accounts.js';
import { LASTLOG_RECORD_BYTES } from './accounts/lastlog.js';
import { buildRootfs } from './rootfs-fixture.js';

const now = () => new Date('2026-01-01T00:00:00Z');

function lastlogFile(uid: number, seconds: number, line: string, host: string): Buffer {
  const file = Buffer.alloc((uid + 1) * LASTLOG_RECORD_BYTES);
  const at = uid * LASTLOG_RECORD_BYTES;
  file.writeInt32LE(seconds, at);
  file.write(line, at + 4);
  file.write(host, at + 36);
  return file;
}

const FILES = {
  'etc/passwd': [
    'root:x:0:0:root:/root:/bin/bash',
    'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
    'alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash',
    'bob:x:1001:1001::/home/bob:/bin/zsh',
    'carol:x:1002:1002::/home/carol:/bin/bash',
    'dave:x:1003:1003::/home/dave:',
    'eve::1004:1004::/home/eve:/bin/sh',
    'this line is garbage',
    '',
  ].join('\n'),
  'etc/shadow': [
    'root:!:19000:0:99999:7:::',
    'daemon:*:19000:0:99999:7:::',
    'alice:$6$salt$c2VjcmV0aGFzaA:19000:0:99999:7:::',
    'bob:$y$j9T$abc$def:0:0:99999:7:::',
    'carol:$6$x$y:19000:0:30:7:::',
    'dave::19000:0:99999:7:::',
    '',
  ].join('\n'),
  'etc/group': ['root:x:0:', 'daemon:x:1:', 'wheel:x:10:bob,carol', 'sudo:x:27:alice', 'alice:x:1000:', 'bob:x:1001:', 'carol:x:1002:', 'dave:x:1003:', ''].join('\n'),
  'etc/sudoers': [
    'Defaults env_reset',
    '# a comment naming eve ALL=(ALL) ALL',
    'root ALL=(ALL:ALL) ALL',
    '%sudo   ALL=(ALL:ALL) ALL',
    'User_Alias OPS = carol',
    '#includedir /etc/sudoers.d',
    '',
  ].join('\n'),
  'etc/sudoers.d/ops': 'OPS ALL=(root) NOPASSWD: /usr/bin/systemctl, \\\n    /usr/bin/journalctl\n',
  'etc/sudoers.d/README.txt': 'eve ALL=(ALL) ALL\n',
  'etc/shells': '# /etc/shells: valid login shells\n/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/zsh\n',
  'var/log/lastlog': lastlogFile(1000, 1_700_000_000, 'pts/0', '10.0.0.5'),
};

describe('accounts', () => {
  it('joins passwd, shadow, group, sudoers and lastlog, keeping only a password state', async () => {
    const rootfs = await buildRootfs(FILES);
    try {
      const { items, warnings, notVisible } = await accounts.collect(rootfs.view, { now });
      expect(warnings).toEqual([{ source: 'accounts', path: '/etc/passwd', message: 'line 8: malformed entry, skipped' }]);
      expect(notVisible).toEqual([]);
      const byName = new Map(items.map((a) => [a.name, a]));
      expect(byName.get('alice')).toEqual({
        name: 'alice',
        uid: 1000,
        gid: 1000,
        groups: ['alice', 'sudo'],
        home: '/home/alice',
        shell: '/bin/bash',
        gecos: 'Alice,,,',
        canLogin: true,
        passwordState: 'set',
        sudo: ['%sudo ALL=(ALL:ALL) ALL'],
        lastLogin: '2023-11-14T22:13:20.000Z',
        lastLoginFrom: '10.0.0.5',
      });
      expect(items.map((a) => [a.name, a.passwordState, a.canLogin])).toEqual([
        ['root', 'locked', true],
        ['daemon', 'locked', false],
        ['alice', 'set', true],
        ['bob', 'expired', true],
        ['carol', 'expired', true],
        ['dave', 'empty', true],
        ['eve', 'empty', true],
      ]);
      expect(byName.get('carol')?.sudo).toEqual(['OPS ALL=(root) NOPASSWD: /usr/bin/systemctl, /usr/bin/journalctl']);
      expect(byName.get('carol')?.groups).toEqual(['carol', 'wheel']);
      expect(byName.get('root')?.sudo).toEqual(['root ALL=(ALL:ALL) ALL']);
      // README.txt contains a dot, so sudo ignores it and so do we.
      expect(byName.get('eve')?.sudo).toEqual([]);
      expect(JSON.stringify(items)).not.toContain('$6$');
    } finally {
      await rootfs.remove();
    }
  });

  it('says "notVisible" when /etc/shadow may not be read, never a guess', async () => {
    const rootfs = await buildRootfs(FILES);
    // The directory view as an unprivileged scanner would see it: shadow denied.
    const view: SystemView = Object.assign(Object.create(rootfs.view) as SystemView, {
      readFile: (path: string, options?: { maxBytes?: number }) =>
        path === '/etc/shadow' ? Promise.reject(new NotVisibleError(path)) : rootfs.view.readFile(path, options),
    });
    try {
      const { items, notVisible } = await accounts.collect(view, { now });
      expect(notVisible).toEqual([{ kind: 'accounts', path: '/etc/shadow', message: 'not visible to this scanner (permission denied)' }]);
      expect(items.find((a) => a.name === 'alice')?.passwordState).toBe('notVisible');
      // A password kept in passwd itself does not need shadow.
      expect(items.find((a) => a.name === 'eve')?.passwordState).toBe('empty');
    } finally {
      await rootfs.remove();
    }
  });

  it("prefers lastlog2's database where a distribution keeps one", async () => {
    const rootfs = await buildRootfs({ ...FILES, 'var/lib/lastlog/.keep': '' });
    try {
      // The table util-linux's liblastlog2 creates (lastlog2(8)).
      const db = new Database(join(rootfs.dir, 'var/lib/lastlog/lastlog2.db'));
      db.exec('CREATE TABLE Lastlog2(Name TEXT PRIMARY KEY, Time INTEGER, TTY TEXT, RemoteHost TEXT, Service TEXT)');
      db.prepare('INSERT INTO Lastlog2 VALUES (?, ?, ?, ?, ?)').run('bob', 1_750_000_000, 'ssh', '198.51.100.7', 'sshd');
      db.close();
      const { items, warnings } = await accounts.collect(rootfs.view, { now });
      expect(warnings.filter((w) => w.path !== '/etc/passwd')).toEqual([]);
      expect(items.find((a) => a.name === 'bob')).toMatchObject({ lastLogin: '2025-06-15T15:06:40.000Z', lastLoginFrom: '198.51.100.7' });
      // Accounts the database does not know still come from the classic file.
      expect(items.find((a) => a.name === 'alice')?.lastLoginFrom).toBe('10.0.0.5');
    } finally {
      await rootfs.remove();
    }
  });

  it('survives binary garbage and sudoers include loops', async () => {
    const rootfs = await buildRootfs({
      'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
      'etc/group': Buffer.from([0x00, 0x01, 0x02, 0xff]),
      'etc/sudoers': '#include /etc/sudoers\nroot ALL=(ALL) ALL\n',
    });
    try {
      const { items, warnings } = await accounts.collect(rootfs.view, { now });
      expect(items.map((a) => [a.name, a.groups, a.sudo])).toEqual([['root', ['0'], ['root ALL=(ALL) ALL']]]);
      expect(warnings).toEqual([{ source: 'accounts', path: '/etc/group', message: 'binary content where text was expected: skipped' }]);
    } finally {
      await rootfs.remove();
    }
  });

  it('agrees with getent and passwd -S on this machine', async () => {
    const { items } = await accounts.collect(new HostView(), { now: () => new Date() });
    const getent = execFileSync('getent', ['passwd'], { encoding: 'utf8' }).trim().split('\n');
    const expected = getent.map((line) => line.split(':')).map(([name, , uid, gid, , home, shell]) => `${name} ${uid} ${gid} ${home} ${shell}`);
    expect(items.map((a) => `${a.name} ${a.uid} ${a.gid} ${a.home} ${a.shell}`).sort()).toEqual(expected.sort());
    // passwd -S: L locked, NP no password, P usable password (shadow(5) states, as root).
    if (process.getuid?.() !== 0) return;
    const status = execFileSync('passwd', ['-S', '-a'], { encoding: 'utf8' }).trim().split('\n');
    const mapped = new Map(status.map((line) => line.split(' ')).map(([name, flag]) => [name, flag]));
    for (const account of items) {
      const flag = mapped.get(account.name);
      const expectedFlag = { locked: 'L', empty: 'NP', set: 'P', expired: 'P', notVisible: '?' }[account.passwordState];
      expect(`${account.name} ${flag}`).toBe(`${account.name} ${expectedFlag}`);
    }
    // lastlog(8) reads the same file: "**Never logged in**" exactly where we find no login.
    const lastlog = execFileSync('lastlog', { encoding: 'utf8' }).trim().split('\n').slice(1);
    const never = new Set(lastlog.filter((line) => line.includes('**Never logged in**')).map((line) => line.split(/\s+/)[0]));
    for (const account of items.filter((a) => a.uid < 65534)) expect(`${account.name} ${account.lastLogin === null}`).toBe(`${account.name} ${never.has(account.name)}`);
    const groups = execFileSync('id', ['-Gn', 'root'], { encoding: 'utf8' }).trim().split(' ');
    expect(items.find((a) => a.name === 'root')?.groups.sort()).toEqual(groups.sort());
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostView } from '../view/host-view.js';
import { environment } from './environment.js';
import { maskIfSecret, maskValue } from './environment/mask.js';
import { buildRootfs } from './rootfs-fixture.js';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('environment', () => {
  it('reads /etc/environment and profile scripts, masking what looks like a secret', async () => {
    const rootfs = await buildRootfs({
      'etc/environment': 'PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"\nDATABASE_URL=postgres://app:hunter2@db.internal:5432/app\nAPI_TOKEN="abc123"\n',
      'etc/profile': 'if [ -d /etc/profile.d ]; then\n  for i in /etc/profile.d/*.sh; do . $i; done\nfi\n',
      'etc/profile.d/proxy.sh': 'export HTTP_PROXY=http://proxy.internal:3128 # corporate proxy\nif true; then\n  export INSIDE_IF=1\nfi\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n',
      'etc/profile.d/not-a-script.csh': 'setenv FOO bar\n',
    });
    try {
      const { items, warnings } = await environment.collect(rootfs.view, { now });
      expect(warnings).toEqual([]);
      expect(items.map((v) => [v.name, v.value, v.masked, v.source])).toEqual([
        ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin', false, '/etc/environment'],
        ['DATABASE_URL', `postgres://app:${maskValue('hunter2')}@db.internal:5432/app`, true, '/etc/environment'],
        ['API_TOKEN', maskValue('abc123'), true, '/etc/environment'],
        ['HTTP_PROXY', 'http://proxy.internal:3128', false, '/etc/profile.d/proxy.sh'],
        ['AWS_ACCESS_KEY_ID', maskValue('AKIAIOSFODNN7EXAMPLE'), true, '/etc/profile.d/proxy.sh'],
      ]);
      expect(JSON.stringify(items)).not.toMatch(/hunter2|abc123|AKIAIOSFODNN7EXAMPLE/);
      expect(items.every((v) => v.scope === 'system' && v.pid === null)).toBe(true);
    } finally {
      await rootfs.remove();
    }
  });

  it('masks by name, by shape and by randomness, and leaves settings alone', () => {
    expect(maskIfSecret('MYSQL_ROOT_PASSWORD', 'x').masked).toBe(true);
    expect(maskIfSecret('JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl').masked).toBe(true);
    expect(maskIfSecret('KEY_MATERIAL', 'q8ZtW3nVb7Lr2XkP9mYd4HsJ').masked).toBe(true);
    expect(maskIfSecret('LANG', 'C.UTF-8')).toEqual({ value: 'C.UTF-8', masked: false });
    expect(maskIfSecret('JAVA_HOME', '/usr/lib/jvm/java-17-openjdk-amd64')).toEqual({ value: '/usr/lib/jvm/java-17-openjdk-amd64', masked: false });
    // The fingerprint is stable, so one secret on two hosts is seen as one.
    expect(maskValue('s3cret')).toBe(maskValue('s3cret'));
    expect(maskValue('s3cret')).not.toContain('s3cret');
  });

  it("reads service processes' environments on this machine, as /proc shows them", async () => {
    const { items, warnings } = await environment.collect(new HostView(), { now });
    expect(warnings).toEqual([]);
    const processRows = items.filter((v) => v.scope === 'process');
    for (const pid of new Set(processRows.map((v) => v.pid))) {
      let environ: string;
      let comm: string;
      try {
        environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
        comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        continue; // exited since
      }
      const rows = processRows.filter((v) => v.pid === pid);
      expect(rows[0]?.processName).toBe(comm);
      const names = environ.split('\0').filter(Boolean).map((entry) => entry.slice(0, entry.indexOf('=')));
      expect(rows.map((v) => v.name)).toEqual(names);
      for (const row of rows.filter((v) => !v.masked)) expect(environ).toContain(`${row.name}=${row.value}\0`);
    }
  });
});

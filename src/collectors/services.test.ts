import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { needService } from '../../test/support/services.js';
import { HostView } from '../view/host-view.js';
import { buildRootfs } from './rootfs-fixture.js';
import { services } from './services.js';

const now = () => new Date('2026-01-01T00:00:00Z');
const unit = (description: string, execStart: string, install: string | null) =>
  `[Unit]\nDescription=${description}\n\n[Service]\nExecStart=${execStart}\n${install === null ? '' : `\n[Install]\n${install}\n`}`;

describe('services', () => {
  it('names each unit-file state as systemctl does and finds SysV scripts started in a runlevel', async () => {
    const rootfs = await buildRootfs({
      'usr/lib/systemd/system/nginx.service': unit('A high performance web server', '/usr/sbin/nginx -g daemon\\ on;', 'WantedBy=multi-user.target'),
      'usr/lib/systemd/system/cups.service': unit('CUPS Scheduler', '/usr/sbin/cupsd -l', 'WantedBy=multi-user.target'),
      'usr/lib/systemd/system/apt-daily.service': unit('Daily apt download activities', '/usr/lib/apt/apt.systemd.daily update', null),
      'usr/lib/systemd/system/getty@.service': unit('Getty on %I', '-/sbin/agetty -o "-p -- \\\\u" --noclear - $TERM', 'WantedBy=getty.target'),
      'usr/lib/systemd/system/sshd.service': { symlink: 'ssh.service' },
      'usr/lib/systemd/system/ssh.service': unit('OpenBSD Secure Shell server', '/usr/sbin/sshd -D', 'WantedBy=multi-user.target\nAlias=sshd.service'),
      'usr/lib/systemd/system/garbage.service': Buffer.from([0, 1, 2, 3]),
      'etc/systemd/system/multi-user.target.wants/nginx.service': { symlink: '/usr/lib/systemd/system/nginx.service' },
      'etc/systemd/system/multi-user.target.wants/ssh.service': { symlink: '/usr/lib/systemd/system/ssh.service' },
      'etc/systemd/system/getty.target.wants/getty@tty1.service': { symlink: '/usr/lib/systemd/system/getty@.service' },
      'etc/systemd/system/cups.service': { symlink: '/dev/null' },
      'etc/init.d/legacy-daemon': { content: '#!/bin/sh\necho start\n', mode: 0o755 },
      'etc/init.d/unused': { content: '#!/bin/sh\n', mode: 0o755 },
      'etc/init.d/nginx': { content: '#!/bin/sh\n', mode: 0o755 },
      'etc/rc2.d/S01legacy-daemon': { symlink: '../init.d/legacy-daemon' },
    });
    try {
      const { items, warnings } = await services.collect(rootfs.view, { now });
      expect(warnings).toEqual([{ source: 'services', path: '/usr/lib/systemd/system/garbage.service', message: 'binary content where text was expected: skipped' }]);
      expect(items.map((s) => `${s.type} ${s.name} ${s.state} ${s.enabled}`)).toEqual([
        'systemd cups.service masked false',
        'systemd apt-daily.service static false',
        'systemd getty@.service enabled true',
        'systemd nginx.service enabled true',
        'systemd ssh.service enabled true',
        'sysv legacy-daemon enabled true',
        'sysv unused disabled false',
      ]);
      expect(items.find((s) => s.name === 'nginx.service')).toEqual({
        name: 'nginx.service',
        type: 'systemd',
        state: 'enabled',
        enabled: true,
        // A directory is not a running system: whether it runs is unknown, not "no".
        active: null,
        description: 'A high performance web server',
        path: '/usr/lib/systemd/system/nginx.service',
        command: '/usr/sbin/nginx -g daemon\\ on;',
      });
    } finally {
      await rootfs.remove();
    }
  });

  it('says a service is active exactly when ps shows its daemon running on this machine', async (context) => {
    // Daemons this machine kind runs as services; each is checked either way, running or not.
    const daemons: [string, string][] = [
      ['mariadb.service', 'mariadbd'],
      ['redis-server.service', 'redis-server'],
      ['mosquitto.service', 'mosquitto'],
      ['nats-server.service', 'nats-server'],
      ['epmd.service', 'epmd'],
    ];
    const { items } = await services.collect(new HostView(), { now });
    const commands = new Set(execFileSync('ps', ['-eo', 'comm='], { encoding: 'utf8' }).split('\n').map((line) => line.trim()));
    let checked = 0;
    for (const [unit, daemon] of daemons) {
      const service = items.find((s) => s.name === unit);
      if (!service) continue;
      checked += 1;
      expect(`${unit} active=${service.active}`).toBe(`${unit} active=${commands.has(daemon)}`);
    }
    if (checked === 0 && !needService('service units of mariadb, redis, mosquitto, nats or epmd', { available: false, reason: 'none installed' })) context.skip();
  });

  it('agrees with systemctl list-unit-files on this machine', async (context) => {
    let listed: string;
    try {
      listed = execFileSync('systemctl', ['list-unit-files', '--type=service', '--no-legend', '--no-pager'], { encoding: 'utf8' });
    } catch (error) {
      if (!needService('systemctl', { available: false, reason: String(error) })) return context.skip();
      throw error;
    }
    const expected = listed
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, state]) => state !== 'alias' && state !== 'generated' && state !== 'transient')
      .map(([name, state]) => `${name} ${state}`)
      .sort();
    const { items, warnings } = await services.collect(new HostView(), { now });
    expect(warnings).toEqual([]);
    expect(items.filter((s) => s.type === 'systemd').map((s) => `${s.name} ${s.state}`).sort()).toEqual(expected);
  });
});

// Live host: this machine runs PostgreSQL, MariaDB, Redis, RabbitMQ, Mosquitto and NATS on
// loopback. Each must be found with the port `ss` shows for its process and the version
// `dpkg-query` gives for the package owning its binary, without running any client.
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { needService } from '../../test/support/services.js';
import { Database } from '../model/inventory.js';
import { HostView } from '../view/host-view.js';
import { databasesCollector } from './databases.js';
import { readListeningSockets } from './proc/listening-sockets.js';
import { buildRootfs } from './rootfs-fixture.js';
import { readProcessTable } from './proc/process-table.js';
import { databaseEngines } from './servers/database-engines.js';
import { InstalledPackages } from './servers/installed-packages.js';
import { findRunningServers } from './servers/running-servers.js';

const context = { now: () => new Date() };

/** engine → process name in `ss -p`, and the package to ask dpkg-query when the binary belongs to a runtime. */
const ENGINES = [
  { engine: 'postgresql', process: 'postgres' },
  { engine: 'mariadb', process: 'mariadbd' },
  { engine: 'redis', process: 'redis-server' },
  { engine: 'rabbitmq', process: 'beam.smp', package: 'rabbitmq-server' },
  { engine: 'mosquitto', process: 'mosquitto' },
  { engine: 'nats', process: 'nats-server' },
] as const;

function listeners(): { name: string; pid: number; port: number }[] {
  const out = execFileSync('ss', ['-H', '-tlnp'], { encoding: 'utf8' });
  return [...out.matchAll(/:(\d+)\s+\S+\s+users:\(\("([^"]+)",pid=(\d+)/g)].map((m) => ({ port: Number(m[1]), name: m[2] as string, pid: Number(m[3]) }));
}

function dpkgUpstreamVersion(pkg: string): string {
  const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return version.replace(/^\d+:/, '').replace(/-[^-]*$/, '');
}

function owningPackage(path: string): string {
  return (execFileSync('dpkg', ['-S', path], { encoding: 'utf8' }).split(':')[0] as string).trim();
}

describe('databases collector on the live host', async () => {
  const sockets = listeners();
  const output = await databasesCollector.collect(new HostView(), context);

  it('rows match the schema, with no warnings', () => {
    expect(output.warnings).toEqual([]);
    for (const item of output.items) expect(Database.parse(item)).toEqual(item);
  });

  for (const expected of ENGINES) {
    it(`finds ${expected.engine} with the ports of ss and the version of dpkg-query`, (test) => {
      const owned = sockets.filter((socket) => socket.name === expected.process);
      if (!needService(expected.engine, { available: owned.length > 0, reason: `no ${expected.process} listening (ss -tlnp)` })) return test.skip();
      const pid = owned[0]?.pid as number;
      const pkg = 'package' in expected ? expected.package : owningPackage(readlinkSync(`/proc/${pid}/exe`));
      const row = output.items.find((item) => item.engine === expected.engine);
      expect(row).toMatchObject({ pid, version: dpkgUpstreamVersion(pkg), processName: expected.process });
      expect(row?.ports).toEqual([...new Set(owned.filter((socket) => socket.pid === pid).map((socket) => socket.port))].sort((a, b) => a - b));
    });
  }

  it('finds PostgreSQL and MariaDB data directories where their servers run', (test) => {
    const postgres = output.items.find((item) => item.engine === 'postgresql');
    const mariadb = output.items.find((item) => item.engine === 'mariadb');
    if (!postgres || !mariadb) return test.skip();
    expect(readlinkSync(`/proc/${postgres.pid}/cwd`)).toBe(postgres.dataDirectory);
    expect(postgres.version?.split('.')[0]).toBe(execFileSync('cat', [`${postgres.dataDirectory}/PG_VERSION`], { encoding: 'utf8' }).trim());
    expect(mariadb.dataDirectory).toBe('/var/lib/mysql');
  });

  it('takes every version from the installed packages, running no binary', async () => {
    const view = new HostView();
    const table = await readProcessTable(view);
    const listening = await readListeningSockets(view);
    const servers = await findRunningServers(view, databaseEngines, table.processes, listening.sockets, await InstalledPackages.read(view));
    expect(servers.length).toBeGreaterThan(0);
    for (const server of servers) expect(server.versionSource, server.name).toMatch(/^package /);
  });

  it('lists engines an Alpine root filesystem installs with apk', async () => {
    const rootfs = await buildRootfs({
      '/lib/apk/db/installed': 'P:postgresql16\nV:16.3-r0\nA:x86_64\no:postgresql16\n\nP:mariadb\nV:10.11.8-r0\nA:x86_64\n\nP:redis\nV:7.2.5-r0\nA:x86_64\n\n',
    });
    try {
      const output = await databasesCollector.collect(rootfs.view, context);
      expect(output.items.map((item) => `${item.engine} ${item.version} ${item.ports.join(',')}`)).toEqual(['postgresql 16.3 5432', 'mariadb 10.11.8 3306', 'redis 7.2.5 6379']);
    } finally {
      await rootfs.remove();
    }
  });

  it('lists engines installed in a root filesystem from their packages and configuration', async () => {
    const rootfs = await buildRootfs({
      '/var/lib/dpkg/status': [
        'Package: postgresql-16\nStatus: install ok installed\nArchitecture: amd64\nVersion: 16.6-1.pgdg120+1\n',
        'Package: mariadb-server\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:10.11.6-0+deb12u1\n',
        'Package: redis-tools\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5:7.0.15-1~deb12u1\n',
        'Package: mosquitto\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 2.0.11-1.2\n',
      ].join('\n'),
      '/etc/postgresql/16/main/postgresql.conf': "data_directory = '/var/lib/postgresql/16/main'\nport = 5433\n",
      '/etc/mysql/my.cnf': '!includedir /etc/mysql/mariadb.conf.d/\n',
      '/etc/mysql/mariadb.conf.d/50-server.cnf': '[mysqld]\nport = 3307\ndatadir = /srv/mysql\n',
    });
    try {
      const output = await databasesCollector.collect(rootfs.view, context);
      expect(output.items).toEqual([
        { engine: 'postgresql', version: '16.6', ports: [5433], dataDirectory: '/var/lib/postgresql/16/main', pid: null, processName: null },
        { engine: 'mariadb', version: '10.11.6', ports: [3307], dataDirectory: '/srv/mysql', pid: null, processName: null },
      ]);
    } finally {
      await rootfs.remove();
    }
  });
});

// `databases`: running database engines and the data services beside them (Redis, RabbitMQ,
// Mosquitto, NATS…), each instance with its version, listening ports, data directory and main
// process. Versions come from the package that owns the binary, so no client is run and no
// credentials are needed; see servers/running-servers.ts for the order of sources. Engines a
// package installed that are not running, and every engine of a root filesystem or an image,
// are listed from their packages and configuration files, with no process.
import type { Database } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { readListeningSockets } from './proc/listening-sockets.js';
import { readProcessTable } from './proc/process-table.js';
import { databaseEngines } from './servers/database-engines.js';
import { InstalledPackages, upstreamVersion } from './servers/installed-packages.js';
import { findRunningServers } from './servers/running-servers.js';

async function runningDatabases(view: SystemView, installed: InstalledPackages, out: Collected<'databases'>): Promise<void> {
  const table = await readProcessTable(view);
  if (table.notVisible > 0) out.hidden('/proc', `${table.notVisible} processes not visible: databases they run cannot be seen`);
  const listening = await readListeningSockets(view);
  for (const server of await findRunningServers(view, databaseEngines, table.processes, listening.sockets, installed)) {
    let dataDirectory: string | null = null;
    try {
      dataDirectory = (await server.spec.dataDirectory?.(view, server.root)) ?? null;
    } catch (error) {
      out.warn(`${server.name}: data directory not found: ${(error as Error).message}`);
    }
    out.items.push({
      engine: server.name,
      version: server.version,
      ports: [...server.ports],
      dataDirectory,
      pid: server.root.entry.pid,
      processName: server.root.entry.comm,
    });
  }
}

/** Engines installed by a package but not running (or in a view with no processes): what their configuration says. */
async function installedDatabases(view: SystemView, installed: InstalledPackages, out: Collected<'databases'>, running: ReadonlySet<string>): Promise<void> {
  for (const spec of databaseEngines) {
    const pkg = spec.installed ? installed.named(spec.installed.serverPackages)[0] : undefined;
    if (!pkg || !spec.installed) continue;
    const engine = spec.refineName ? spec.refineName(pkg.name) : spec.name;
    if (running.has(engine)) continue;
    const configured = await spec.installed.configured(view);
    const row: Database = {
      engine,
      version: upstreamVersion(pkg.version, pkg.format),
      ports: [...configured.ports],
      dataDirectory: configured.dataDirectory,
      pid: null,
      processName: null,
    };
    out.items.push(row);
  }
}

export const databasesCollector: Collector<'databases'> = {
  name: 'databases',
  kind: 'databases',
  version: 1,
  liveOnly: false,
  needs: {
    dirs: ['/proc', '/var/lib/dpkg/info', '/etc/postgresql', '/etc/mysql', '/etc/redis', '/etc/mosquitto'],
    files: ['/var/lib/dpkg/status', '/lib/apk/db/installed', '/etc/my.cnf', '/etc/mongod.conf', '/etc/memcached.conf', '/etc/rabbitmq/rabbitmq.conf', '/var/lib/pgsql/data/postgresql.conf'],
  },
  async collect(view) {
    const out = new Collected(this);
    const installed = await InstalledPackages.read(view);
    if (view.live) await runningDatabases(view, installed, out);
    await installedDatabases(view, installed, out, new Set(out.items.map((item) => item.engine)));
    return out.output();
  },
};

// `databases`: running database engines and the data services beside them (Redis, RabbitMQ,
// Mosquitto, NATS…), each instance with its version, listening ports, data directory and main
// process. Versions come from the package that owns the binary, so no client is run and no
// credentials are needed; see servers/running-servers.ts for the order of sources.
import type { Database } from '../model/inventory.js';
import { Collected, type Collector } from './collector.js';
import { readListeningSockets } from './proc/listening-sockets.js';
import { readProcessTable } from './proc/process-table.js';
import { databaseEngines } from './servers/database-engines.js';
import { InstalledPackages } from './servers/installed-packages.js';
import { findRunningServers } from './servers/running-servers.js';

export const databasesCollector: Collector<'databases'> = {
  name: 'databases',
  kind: 'databases',
  version: 1,
  liveOnly: true,
  needs: { dirs: ['/proc', '/var/lib/dpkg/info'], files: ['/var/lib/dpkg/status', '/lib/apk/db/installed', '/etc/mysql/my.cnf', '/etc/redis/redis.conf'] },
  async collect(view) {
    const out = new Collected(this);
    if (!view.live) return out.output();
    const table = await readProcessTable(view);
    if (table.notVisible > 0) out.hidden('/proc', `${table.notVisible} processes not visible: databases they run cannot be seen`);
    const listening = await readListeningSockets(view);
    const installed = await InstalledPackages.read(view);
    for (const server of await findRunningServers(view, databaseEngines, table.processes, listening.sockets, installed)) {
      let dataDirectory: string | null = null;
      try {
        dataDirectory = (await server.spec.dataDirectory?.(view, server.root)) ?? null;
      } catch (error) {
        out.warn(`${server.name}: data directory not found: ${(error as Error).message}`);
      }
      const row: Database = {
        engine: server.name,
        version: server.version,
        ports: [...server.ports],
        dataDirectory,
        pid: server.root.entry.pid,
        processName: server.root.entry.comm,
      };
      out.items.push(row);
    }
    return out.output();
  },
};

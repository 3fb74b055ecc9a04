// `ports`: listening TCP and UDP sockets with the process that owns each, the way `ss -tulpn`
// shows them. "External" means bound to an address other than loopback (a wildcard address
// included), so the port can be reached from other machines unless a firewall says otherwise.
import type { ListeningPort } from '../model/inventory.js';
import { Collected, type Collector } from './collector.js';
import { isLoopback } from './proc/proc-net.js';
import { readListeningSockets } from './proc/listening-sockets.js';
import { parseProcStat } from './proc/proc-stat.js';

export const portsCollector: Collector<'ports'> = {
  name: 'ports',
  kind: 'ports',
  version: 1,
  liveOnly: true,
  needs: { dirs: ['/proc'] },
  async collect(view) {
    const out = new Collected(this);
    if (!view.live) return out.output();
    const listening = await readListeningSockets(view);
    for (const path of listening.tablesNotVisible) out.hidden(path);
    if (listening.ownersNotVisible > 0) {
      out.hidden('/proc/*/fd', `sockets of ${listening.ownersNotVisible} processes not visible to this scanner: their ports show no owner`);
    }
    const names = new Map<number, string | null>();
    const nameOf = (pid: number): string | null => {
      if (!names.has(pid)) {
        let stat: string | null = null;
        try {
          stat = view.procfs?.readText(`/proc/${pid}/stat`) ?? null;
        } catch {
          // not visible: the port keeps its owner's pid without a name
        }
        names.set(pid, stat === null ? null : (parseProcStat(stat)?.comm ?? null));
      }
      return names.get(pid) ?? null;
    };
    const seen = new Set<string>();
    for (const socket of listening.sockets) {
      const owner = socket.owners[0];
      const row: ListeningPort = {
        protocol: socket.protocol.startsWith('tcp') ? 'tcp' : 'udp',
        family: socket.protocol.endsWith('6') ? 'ipv6' : 'ipv4',
        address: socket.localAddress,
        port: socket.localPort,
        state: socket.state,
        pid: owner?.pid ?? null,
        processName: owner ? nameOf(owner.pid) : null,
        external: !isLoopback(socket.localAddress),
      };
      // SO_REUSEPORT lets several sockets share one address; the inventory lists the port once.
      const key = `${row.protocol}/${row.address}/${row.port}/${row.pid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.items.push(row);
    }
    return out.output();
  },
};

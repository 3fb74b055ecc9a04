// Listening sockets of a live view (what `ss -tulpn` lists): TCP sockets in LISTEN and bound UDP
// sockets, from /proc/net/{tcp,tcp6,udp,udp6}, each with the processes holding it. Shared by the
// ports collector and the collectors that ask "which ports does this server listen on".
import { NotVisibleError, type SystemView } from '../../view/system-view.js';
import { parseProcNet, type ProcSocket, type SocketProtocol } from './proc-net.js';
import { listPids } from './process-table.js';
import { readSocketOwners, type SocketOwner } from './socket-owners.js';

const PROTOCOLS: readonly SocketProtocol[] = ['tcp', 'tcp6', 'udp', 'udp6'];

export interface ListeningSocket extends ProcSocket {
  /** Processes holding the socket, lowest pid first; empty when none is visible (or it is outside this pid namespace). */
  readonly owners: readonly SocketOwner[];
}

export interface ListeningSockets {
  readonly sockets: readonly ListeningSocket[];
  /** Processes whose fd table could not be read: their sockets show no owner. */
  readonly ownersNotVisible: number;
  /** /proc/net files that exist but could not be read. */
  readonly tablesNotVisible: readonly string[];
}

function isListening(socket: ProcSocket): boolean {
  // A UDP socket "listens" when bound and unconnected (ss shows it as UNCONN).
  return socket.protocol.startsWith('tcp') ? socket.state === 'LISTEN' : socket.state === 'UNCONN' && socket.localPort !== 0;
}

/** The listening sockets of a live view (one with procfs); a view without a running kernel has none. */
export async function readListeningSockets(view: SystemView): Promise<ListeningSockets> {
  const listening: ProcSocket[] = [];
  const tablesNotVisible: string[] = [];
  const procfs = view.procfs;
  if (!procfs) return { sockets: [], ownersNotVisible: 0, tablesNotVisible };
  for (const protocol of PROTOCOLS) {
    const path = `/proc/net/${protocol}`;
    try {
      const text = procfs.readText(path);
      if (text !== null) listening.push(...parseProcNet(text, protocol).filter(isListening));
    } catch (error) {
      if (!(error instanceof NotVisibleError)) throw error;
      tablesNotVisible.push(path);
    }
  }
  const owners = await readSocketOwners(procfs, listPids(procfs));
  const sockets = listening.map((socket) => ({ ...socket, owners: owners.byInode.get(socket.inode) ?? [] }));
  return { sockets, ownersNotVisible: owners.notVisible, tablesNotVisible };
}

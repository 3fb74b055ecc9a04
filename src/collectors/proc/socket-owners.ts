// Which process holds which socket: every /proc/PID/fd/N of a socket is a link to
// "socket:[INODE]", the inode /proc/net/* prints (what ss -p and lsof do). Processes that exit
// meanwhile are skipped; fd tables this scanner may not read are counted as not visible.
import { NotVisibleError, type SystemView } from '../../view/system-view.js';
import { mapLimit } from '../map-limit.js';

export interface SocketOwner {
  readonly pid: number;
  readonly fd: number;
}

export interface SocketOwners {
  /** inode → every (pid, fd) holding it, lowest pid first (a forked server shares its socket). */
  readonly byInode: ReadonlyMap<number, readonly SocketOwner[]>;
  readonly notVisible: number;
}

interface HeldSocket extends SocketOwner {
  readonly inode: number;
}

const SOCKET_LINK = /^socket:\[(\d+)\]$/;

async function socketsOf(view: SystemView, pid: number): Promise<HeldSocket[] | 'denied'> {
  try {
    // The links of one process read a few at a time: each is a thread-pool round trip, not disk work.
    const fds = (await view.readDir(`/proc/${pid}/fd`)) ?? [];
    const targets = await mapLimit(fds, 16, (fd) => view.readLink(`/proc/${pid}/fd/${fd}`));
    const held: HeldSocket[] = [];
    fds.forEach((fd, index) => {
      const target = targets[index];
      const inode = target ? SOCKET_LINK.exec(target)?.[1] : undefined;
      if (inode !== undefined) held.push({ pid, fd: Number(fd), inode: Number(inode) });
    });
    return held;
  } catch (error) {
    if (error instanceof NotVisibleError) return 'denied';
    throw error;
  }
}

export async function readSocketOwners(view: SystemView, pids: readonly number[]): Promise<SocketOwners> {
  const byInode = new Map<number, SocketOwner[]>();
  let notVisible = 0;
  const sorted = [...pids].sort((a, b) => a - b);
  for (const result of await mapLimit(sorted, 8, (pid) => socketsOf(view, pid))) {
    if (result === 'denied') {
      notVisible++;
      continue;
    }
    for (const { inode, pid, fd } of result) {
      const list = byInode.get(inode) ?? [];
      list.push({ pid, fd });
      byInode.set(inode, list);
    }
  }
  return { byInode, notVisible };
}

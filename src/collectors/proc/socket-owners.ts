// Which process holds which socket: every /proc/PID/fd/N of a socket is a link to
// "socket:[INODE]", the inode /proc/net/* prints (what ss -p and lsof do). Processes that exit
// meanwhile are skipped; fd tables this scanner may not read are counted as not visible.
import type { ProcFs } from '../../view/proc-fs.js';
import { NotVisibleError } from '../../view/system-view.js';

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

/** fd links read between two turns of the event loop: a server with 50,000 connections does not hold it up. */
const LINKS_PER_TURN = 512;

/** Counts the links read since the event loop last had a turn, across processes. */
interface Turn {
  links: number;
}

async function socketsOf(procfs: ProcFs, pid: number, turn: Turn): Promise<HeldSocket[] | 'denied'> {
  try {
    // fd links are the kernel's own bookkeeping (no disk, no process memory): read synchronously.
    const fds = procfs.readDir(`/proc/${pid}/fd`) ?? [];
    const held: HeldSocket[] = [];
    for (const fd of fds) {
      if (++turn.links >= LINKS_PER_TURN) {
        turn.links = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const target = procfs.readLink(`/proc/${pid}/fd/${fd}`);
      const inode = target ? SOCKET_LINK.exec(target)?.[1] : undefined;
      if (inode !== undefined) held.push({ pid, fd: Number(fd), inode: Number(inode) });
    }
    return held;
  } catch (error) {
    if (error instanceof NotVisibleError) return 'denied';
    throw error;
  }
}

/** Every socket's holders among `pids`, read from a live view's /proc. */
export async function readSocketOwners(procfs: ProcFs, pids: readonly number[]): Promise<SocketOwners> {
  const byInode = new Map<number, SocketOwner[]>();
  let notVisible = 0;
  const sorted = [...pids].sort((a, b) => a - b);
  const turn: Turn = { links: 0 };
  for (const pid of sorted) {
    const result = await socketsOf(procfs, pid, turn);
    if (result === 'denied') {
      notVisible++;
      continue;
    }
    for (const { inode, pid: holder, fd } of result) {
      const list = byInode.get(inode) ?? [];
      list.push({ pid: holder, fd });
      byInode.set(inode, list);
    }
  }
  return { byInode, notVisible };
}

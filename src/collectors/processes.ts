// `processes`: every process of a live system, read from /proc as ps(1) does, with the SHA-256
// of its executable (cached per binary, see exe-hasher.ts) and the container it runs in.
import type { Process } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { ExeHasher } from './proc/exe-hasher.js';
import { mapLimit } from './map-limit.js';
import { readProcessTable, type ProcessEntry } from './proc/process-table.js';
import { readUserNames } from './proc/user-names.js';

function commandLineOf(entry: ProcessEntry): string {
  if (entry.argv.length > 0) return entry.argv.join(' ');
  // Kernel threads and zombies have an empty cmdline; ps shows the name in brackets, and marks a
  // zombie (exited, not yet reaped by its parent) "<defunct>" so it is not read as a kernel thread.
  return entry.state === 'Z' ? `[${entry.comm}] <defunct>` : `[${entry.comm}]`;
}

async function collectProcesses(view: SystemView, hasher: ExeHasher, out: Collected<'processes'>): Promise<void> {
  const table = await readProcessTable(view);
  if (table.notVisible > 0) out.hidden('/proc', `${table.notVisible} processes not visible to this scanner (permission denied)`);
  const users = await readUserNames(view);
  let exeHidden = 0;
  const tooLarge = new Set<string>();
  const rows = await mapLimit(table.processes, 4, async (entry): Promise<Process> => {
    let executableSha256: string | null = null;
    if (entry.exe !== null) {
      const digest = await hasher.digest(view, entry.pid, entry.exe);
      executableSha256 = digest.sha256;
      if (digest.sha256 === null && digest.reason === 'not visible') exeHidden++;
      if (digest.sha256 === null && digest.reason === 'too large') tooLarge.add(entry.exe);
    }
    if (entry.exeNotVisible) exeHidden++;
    return {
      pid: entry.pid,
      ppid: entry.ppid,
      user: entry.uid === null ? null : (users.get(entry.uid) ?? String(entry.uid)),
      uid: entry.uid,
      name: entry.comm,
      commandLine: commandLineOf(entry),
      executable: entry.exe,
      executableSha256,
      startTime: entry.startTime,
      containerId: entry.containerId,
    };
  });
  for (const exe of tooLarge) out.warn('executable too large to hash without streaming reads', exe);
  if (exeHidden > 0) out.hidden('/proc/*/exe', `executables of ${exeHidden} processes not visible to this scanner (permission denied)`);
  out.items.push(...rows);
}

const hasher = new ExeHasher();

export const processesCollector: Collector<'processes'> = {
  name: 'processes',
  kind: 'processes',
  version: 1,
  liveOnly: true,
  needs: { dirs: ['/proc'], files: ['/etc/passwd'] },
  async collect(view) {
    const out = new Collected(this);
    if (!view.live) return out.output();
    await collectProcesses(view, hasher, out);
    return out.output();
  },
};

// A real systemd-journald for tests, in a journal namespace of its own (`systemd-journald NAME`,
// as systemd-journald@.service runs it): it binds its sockets under /run/systemd/journal.NAME and
// writes /var/log/journal/MACHINE-ID.NAME, so it runs beside (or without) the host's journald and
// `journalctl --namespace=NAME` reads it. Entries are written the way a daemon logs through
// syslog(3): a datagram to its dev-log socket, sent by util-linux `logger`. Needs root.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { waitFor } from './processes.js';
import type { ServiceCheck } from './services.js';

const JOURNALD = ['/lib/systemd/systemd-journald', '/usr/lib/systemd/systemd-journald'].find((path) => existsSync(path));

export function journaldCheck(): ServiceCheck {
  if (process.getuid?.() !== 0) return { available: false, reason: 'a journald namespace needs root' };
  if (!JOURNALD) return { available: false, reason: 'systemd-journald not installed (Debian package systemd)' };
  for (const tool of ['journalctl', 'logger']) {
    if (spawnSync(tool, ['--version']).status !== 0) return { available: false, reason: `${tool} not found` };
  }
  return { available: true, reason: '' };
}

export interface TestJournal {
  readonly namespace: string;
  /** journalctl arguments that select this journal. */
  readonly args: readonly string[];
  /** Logs `message` as program `identifier` with process id `pid`, and waits until journalctl sees it. */
  write(identifier: string, pid: number, message: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startJournald(): Promise<TestJournal> {
  const namespace = `palisade-test-${randomBytes(4).toString('hex')}`;
  const runDir = `/run/systemd/journal.${namespace}`;
  const machineId = readFileSync('/etc/machine-id', 'utf8').trim();
  const journalDir = `/var/log/journal/${machineId}.${namespace}`;
  const child: ChildProcess = spawn(JOURNALD as string, [namespace], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await waitFor('journald socket', () => (existsSync(`${runDir}/dev-log`) ? true : child.exitCode !== null ? Promise.reject(new Error(`journald exited: ${errors}`)) : null), 10_000, 20);
  const args = [`--namespace=${namespace}`];
  let written = 0;
  return {
    namespace,
    args,
    async write(identifier, pid, message) {
      const sent = spawnSync('logger', ['--socket', `${runDir}/dev-log`, '--tag', identifier, `--id=${pid}`, '--', message]);
      if (sent.status !== 0) throw new Error(`logger failed: ${sent.stderr.toString()}`);
      written++;
      // journald writes asynchronously; an entry is there once journalctl can read it.
      await waitFor('journal entry written', () => {
        const count = spawnSync('journalctl', [...args, '--no-pager', '--quiet', '--output=cat', '_TRANSPORT=syslog']).stdout.toString().split('\n').filter(Boolean).length;
        return count >= written ? true : null;
      }, 10_000, 20);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(runDir, { recursive: true, force: true });
      rmSync(journalDir, { recursive: true, force: true });
    },
  };
}

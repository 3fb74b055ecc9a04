// Finds running instances of the servers described by specs: the processes a spec recognises
// are grouped under their topmost matching ancestor (a PostgreSQL postmaster and its backends,
// an nginx master and its workers are one instance), the instance's ports are the listening
// sockets any of its processes hold, and its version comes, in order, from the package owning
// the executable, from the server's own files, and only then from running the binary.
import type { SystemView } from '../../view/system-view.js';
import type { ListeningSocket } from '../proc/listening-sockets.js';
import { executablePath, type ProcessEntry } from '../proc/process-table.js';
import type { InstalledPackages } from './installed-packages.js';
import { upstreamVersion } from './installed-packages.js';
import type { ServerProcess, ServerSpec } from './server-spec.js';

export interface RunningServer {
  readonly spec: ServerSpec;
  readonly name: string;
  readonly root: ServerProcess;
  readonly pids: readonly number[];
  readonly ports: readonly number[];
  readonly version: string | null;
  /** Where the version came from: "package redis-tools 5:7.0.15-1~deb12u10", "command", a file. */
  readonly versionSource: string | null;
}

const VERSION_COMMAND_TIMEOUT_MS = 5_000;

/**
 * The agent runs as root: it must never execute a binary another user could have put there (a
 * process named "postgres" started from /tmp), or that user gets root. Only files that root owns
 * and nobody else may write, in a directory likewise, are run.
 */
export async function trustedBinary(view: SystemView, path: string): Promise<{ size: number; mtimeMs: number } | null> {
  const safe = (stat: { uid: number; mode: number } | null) => stat !== null && stat.uid === 0 && (stat.mode & 0o022) === 0;
  const file = await view.stat(path).catch(() => null);
  const dir = await view.stat(path.slice(0, path.lastIndexOf('/')) || '/').catch(() => null);
  return file?.type === 'file' && safe(file) && safe(dir) ? file : null;
}

/** Answers of version commands (the start of the output) by binary identity: asked again only after an upgrade. */
const commandVersions = new Map<string, string>();
const MAX_COMMAND_VERSIONS = 256;

async function commandVersion(view: SystemView, spec: ServerSpec, exe: string): Promise<{ version: string; output: string } | null> {
  const command = spec.versionCommand;
  if (!command || !view.run) return null;
  const binary = await trustedBinary(view, exe);
  if (!binary) return null;
  const key = `${spec.name}\0${exe}\0${binary.size}\0${binary.mtimeMs}`;
  let output = commandVersions.get(key);
  if (output === undefined) {
    const result = await view.run([exe, ...command.args], { timeoutMs: VERSION_COMMAND_TIMEOUT_MS, maxOutputBytes: 64 * 1024 });
    output = `${result.stdout}\n${result.stderr}`.slice(0, 4096);
    if (commandVersions.size >= MAX_COMMAND_VERSIONS) commandVersions.delete(commandVersions.keys().next().value as string);
    commandVersions.set(key, output);
  }
  const version = command.pattern.exec(output)?.[1];
  return version ? { version, output } : null;
}

export function serverProcess(entry: ProcessEntry): ServerProcess {
  const exe = entry.exe === null ? null : executablePath(entry.exe);
  return { entry, exeName: exe === null ? entry.comm : exe.slice(exe.lastIndexOf('/') + 1) };
}

async function resolveVersion(view: SystemView, spec: ServerSpec, root: ServerProcess, installed: InstalledPackages) {
  const exe = root.entry.exe === null ? null : executablePath(root.entry.exe);
  if (exe !== null) {
    const owner = await installed.ownerOf(exe, installed.named(spec.packages));
    if (owner) return { version: upstreamVersion(owner.version, owner.format), source: `package ${owner.name} ${owner.version}`, evidence: owner.name };
  }
  const carrier = spec.versionPackage ? installed.named(spec.versionPackage)[0] : undefined;
  if (carrier) return { version: upstreamVersion(carrier.version, carrier.format), source: `package ${carrier.name} ${carrier.version}`, evidence: carrier.name };
  const fromFiles = spec.fileVersion ? await spec.fileVersion(view, root) : null;
  if (fromFiles) return { version: fromFiles, source: 'files', evidence: '' };
  // Only the live host's own binaries are run: a container's path means nothing out here.
  if (spec.versionCommand && view.kind === 'host' && exe !== null && root.entry.containerId === null && !root.entry.exe?.endsWith(' (deleted)')) {
    const answer = await commandVersion(view, spec, exe);
    if (answer) return { version: answer.version, source: `command ${exe} ${spec.versionCommand.args.join(' ')}`, evidence: answer.output };
  }
  return { version: null, source: null, evidence: '' };
}

export async function findRunningServers(
  view: SystemView,
  specs: readonly ServerSpec[],
  processes: readonly ProcessEntry[],
  sockets: readonly ListeningSocket[],
  installed: InstalledPackages,
): Promise<RunningServer[]> {
  const servers: RunningServer[] = [];
  const candidates = processes.map(serverProcess);
  for (const spec of specs) {
    const matched = new Map(candidates.filter((candidate) => spec.matches(candidate)).map((candidate) => [candidate.entry.pid, candidate]));
    const rootOf = (pid: number): number => {
      let current = pid;
      for (let hops = 0; hops < 64; hops++) {
        const parent = matched.get(current)?.entry.ppid;
        if (parent === undefined || !matched.has(parent)) return current;
        current = parent;
      }
      return current;
    };
    const groups = new Map<number, number[]>();
    for (const pid of matched.keys()) groups.set(rootOf(pid), [...(groups.get(rootOf(pid)) ?? []), pid]);
    for (const [rootPid, pids] of groups) {
      const root = matched.get(rootPid) as ServerProcess;
      const members = new Set(pids);
      const ports = new Set<number>();
      for (const socket of sockets) if (socket.owners.some((owner) => members.has(owner.pid))) ports.add(socket.localPort);
      const { version, source, evidence } = await resolveVersion(view, spec, root, installed);
      servers.push({
        spec,
        name: spec.refineName ? spec.refineName(evidence) : spec.name,
        root,
        pids: [...members].sort((a, b) => a - b),
        ports: [...ports].sort((a, b) => a - b),
        version,
        versionSource: source,
      });
    }
  }
  return servers;
}

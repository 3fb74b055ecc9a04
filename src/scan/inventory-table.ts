// `--format table` for the inventory: the host as fields, then one table per fact kind with
// the columns a person scans first. JSON carries every field; this is the short view.
import type { Inventory } from '../model/inventory.js';
import { formatFields, formatTable, type Column } from '../report/table.js';

type Row<K extends keyof Inventory> = Inventory[K] extends readonly (infer T)[] ? T : never;

const list = (values: readonly (string | number)[]) => values.join(',');
const bytes = (n: number) => `${(n / 1024 ** 3).toFixed(1)}G`;

const tables: { [K in keyof Inventory]?: { title: string; columns: Column<Row<K>>[] } } = {
  packages: {
    title: 'Packages',
    columns: [
      { header: 'name', value: (p) => p.name },
      { header: 'version', value: (p) => p.version },
      { header: 'arch', value: (p) => p.architecture },
      { header: 'source', value: (p) => (p.sourceName === p.name ? '' : p.sourceName) },
      { header: 'format', value: (p) => p.format },
    ],
  },
  accounts: {
    title: 'Accounts',
    columns: [
      { header: 'name', value: (a) => a.name },
      { header: 'uid', value: (a) => a.uid },
      { header: 'groups', value: (a) => list(a.groups), max: 30 },
      { header: 'shell', value: (a) => a.shell },
      { header: 'login', value: (a) => (a.canLogin ? 'yes' : 'no') },
      { header: 'password', value: (a) => a.passwordState },
      { header: 'sudo', value: (a) => (a.sudo.length > 0 ? a.sudo.join(' | ') : ''), max: 40 },
      { header: 'last login', value: (a) => a.lastLogin },
    ],
  },
  processes: {
    title: 'Processes',
    columns: [
      { header: 'pid', value: (p) => p.pid },
      { header: 'user', value: (p) => p.user },
      { header: 'name', value: (p) => p.name },
      { header: 'command', value: (p) => p.commandLine, max: 80 },
    ],
  },
  ports: {
    title: 'Listening ports',
    columns: [
      { header: 'proto', value: (p) => p.protocol },
      { header: 'address', value: (p) => p.address },
      { header: 'port', value: (p) => p.port },
      { header: 'process', value: (p) => (p.pid === null ? '' : `${p.processName ?? ''}[${p.pid}]`) },
      { header: 'external', value: (p) => (p.external ? 'yes' : 'no') },
    ],
  },
  databases: {
    title: 'Databases',
    columns: [
      { header: 'engine', value: (d) => d.engine },
      { header: 'version', value: (d) => d.version },
      { header: 'ports', value: (d) => list(d.ports) },
      { header: 'data', value: (d) => d.dataDirectory },
    ],
  },
  webServices: {
    title: 'Web services',
    columns: [
      { header: 'server', value: (w) => w.server },
      { header: 'version', value: (w) => w.version },
      { header: 'ports', value: (w) => list(w.ports) },
      { header: 'config', value: (w) => w.configPath },
    ],
  },
  webSites: {
    title: 'Web sites',
    columns: [
      { header: 'server', value: (w) => w.server },
      { header: 'names', value: (w) => list(w.serverNames) },
      { header: 'ports', value: (w) => list(w.ports) },
      { header: 'tls', value: (w) => (w.tls ? 'yes' : 'no') },
      { header: 'root/upstream', value: (w) => w.documentRoot ?? w.upstream },
    ],
  },
  webFrameworks: {
    title: 'Web frameworks',
    columns: [
      { header: 'framework', value: (w) => w.framework },
      { header: 'version', value: (w) => w.version },
      { header: 'path', value: (w) => w.path },
    ],
  },
  jars: {
    title: 'Jars',
    columns: [
      { header: 'artifact', value: (j) => (j.artifactId ? `${j.groupId ?? '?'}:${j.artifactId}` : '') },
      { header: 'version', value: (j) => j.version },
      { header: 'path', value: (j) => j.path, max: 80 },
    ],
  },
  languagePackages: {
    title: 'Language packages',
    columns: [
      { header: 'ecosystem', value: (l) => l.ecosystem },
      { header: 'name', value: (l) => l.name },
      { header: 'version', value: (l) => l.version },
      { header: 'path', value: (l) => l.path, max: 80 },
    ],
  },
  services: {
    title: 'Services',
    columns: [
      { header: 'name', value: (s) => s.name },
      { header: 'type', value: (s) => s.type },
      { header: 'state', value: (s) => s.state },
      { header: 'active', value: (s) => (s.active === null ? '' : s.active ? 'yes' : 'no') },
      { header: 'command', value: (s) => s.command, max: 60 },
    ],
  },
  cronJobs: {
    title: 'Cron jobs',
    columns: [
      { header: 'schedule', value: (c) => c.schedule, max: 30 },
      { header: 'user', value: (c) => c.user },
      { header: 'command', value: (c) => c.command, max: 70 },
      { header: 'source', value: (c) => c.source },
    ],
  },
  environment: {
    title: 'Environment',
    columns: [
      { header: 'name', value: (e) => e.name },
      { header: 'value', value: (e) => e.value, max: 50 },
      { header: 'source', value: (e) => (e.pid === null ? e.source : `${e.processName}[${e.pid}]`) },
    ],
  },
  kernelModules: {
    title: 'Kernel modules',
    columns: [
      { header: 'name', value: (m) => m.name },
      { header: 'size', value: (m) => m.size },
      { header: 'used by', value: (m) => list(m.usedBy) },
      { header: 'taint', value: (m) => m.taint },
    ],
  },
};

export function renderInventoryTable(inventory: Inventory): string {
  const parts: string[] = [];
  const host = inventory.host;
  if (host) {
    parts.push(
      formatFields('Host', [
        ['hostname', host.hostname],
        ['os', host.os.prettyName ?? host.os.name],
        ['kernel', host.kernel?.release],
        ['architecture', host.architecture],
        ['addresses', host.addresses.map((a) => a.address).join(', ')],
        ['machine-id', host.machineId],
        ['cpus', host.cpuCount],
        ['memory', host.memoryBytes === null ? null : bytes(host.memoryBytes)],
      ]),
    );
  }
  const resources = inventory.resources;
  if (resources) {
    parts.push(
      formatFields('Resources', [
        ['cpu', `${resources.cpu.usagePercent ?? '-'}% of ${resources.cpu.count}, load ${resources.cpu.load1 ?? '-'}`],
        ['memory', `${bytes(resources.memory.usedBytes)} used of ${bytes(resources.memory.totalBytes)}`],
        ...resources.disks.map((d): [string, string] => [`disk ${d.mountPoint}`, `${bytes(d.usedBytes)} used of ${bytes(d.totalBytes)} (${d.device})`]),
      ]),
    );
  }
  for (const [kind, spec] of Object.entries(tables) as [keyof Inventory, { title: string; columns: Column<unknown>[] }][]) {
    if (inventory.notApplicable.includes(kind as never)) continue;
    parts.push(formatTable(spec.title, spec.columns, inventory[kind] as unknown[]));
  }
  if (inventory.notApplicable.length > 0) parts.push(`Not applicable to this target: ${inventory.notApplicable.join(', ')}\n`);
  for (const note of inventory.notVisible) parts.push(`Not visible (${note.kind}): ${note.path}: ${note.message}\n`);
  return parts.join('\n');
}

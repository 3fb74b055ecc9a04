// How one fact is told apart from the others of its kind on one host (its key), and the name and
// version the fleet search indexes it by. A key must stay the same while the thing stays the same
// (a package upgrade changes the row, not the key), so first-seen dates mean something.
import type { Fact, FactKind } from '../../model/inventory.js';

export type ListFactKind = Exclude<FactKind, 'host' | 'resources'>;

interface Identity<K extends ListFactKind> {
  key(item: Fact<K>): string;
  name(item: Fact<K>): string;
  version(item: Fact<K>): string | null;
}

const identities: { [K in ListFactKind]: Identity<K> } = {
  packages: { key: (p) => `${p.format}:${p.name}:${p.architecture ?? ''}`, name: (p) => p.name, version: (p) => p.version },
  accounts: { key: (a) => a.name, name: (a) => a.name, version: () => null },
  // A pid is reused after a process ends; with its start time it names one process.
  processes: { key: (p) => `${p.pid}@${p.startTime ?? ''}`, name: (p) => p.name, version: () => null },
  ports: { key: (p) => `${p.protocol}:${p.address}:${p.port}`, name: (p) => `${p.protocol}/${p.port}`, version: () => null },
  databases: { key: (d) => `${d.engine}:${d.dataDirectory ?? ''}:${d.ports.join(',')}`, name: (d) => d.engine, version: (d) => d.version },
  webServices: { key: (w) => `${w.server}:${w.configPath ?? ''}`, name: (w) => w.server, version: (w) => w.version },
  webSites: { key: (w) => `${w.server}:${w.configPath}:${w.serverNames.join(',')}:${w.ports.join(',')}`, name: (w) => w.serverNames[0] ?? w.server, version: () => null },
  webFrameworks: { key: (w) => `${w.framework}:${w.path}`, name: (w) => w.framework, version: (w) => w.version },
  jars: { key: (j) => j.path, name: (j) => (j.groupId && j.artifactId ? `${j.groupId}:${j.artifactId}` : (j.artifactId ?? j.path.split('/').pop() ?? j.path)), version: (j) => j.version },
  // One package may be installed in many places (each project's node_modules, each program), and
  // a lock file may pin it twice (nested in node_modules, two majors in a Cargo.lock): the
  // evidence (the lock file's install path, the crate's version) tells those apart.
  languagePackages: { key: (l) => `${l.ecosystem}:${l.name}:${l.path}:${l.evidence}`, name: (l) => l.name, version: (l) => l.version },
  services: { key: (s) => `${s.type}:${s.name}`, name: (s) => s.name, version: () => null },
  cronJobs: { key: (c) => `${c.source}:${c.line ?? ''}:${c.user ?? ''}:${c.schedule}:${c.command}`, name: (c) => c.command.slice(0, 200), version: () => null },
  environment: { key: (e) => `${e.scope}:${e.source}:${e.pid ?? ''}:${e.name}`, name: (e) => e.name, version: () => null },
  kernelModules: { key: (m) => m.name, name: (m) => m.name, version: (m) => m.version },
};

export const LIST_FACT_KINDS = Object.keys(identities) as ListFactKind[];

export function isListFactKind(kind: string): kind is ListFactKind {
  return kind in identities;
}

export function factKey<K extends ListFactKind>(kind: K, item: Fact<K>): string {
  return identities[kind].key(item);
}

export function factName<K extends ListFactKind>(kind: K, item: Fact<K>): string {
  return identities[kind].name(item);
}

export function factVersion<K extends ListFactKind>(kind: K, item: Fact<K>): string | null {
  return identities[kind].version(item);
}

// What the console shows for each inventory kind: its name, the table columns that matter for it
// and which filters the API can apply to it. One table per kind instead of one generic key/value
// grid, because a port, a cron job and a jar are read for different things.
import type { ReactNode } from 'react';
import type { Fact, InventoryItem, ListFactKind } from '../../api/asset-types.js';
import { Badge } from '../../components/status-badge.js';

export interface Column<K extends ListFactKind> {
  readonly label: string;
  readonly cell: (row: Fact<K>, item: InventoryItem) => ReactNode;
  readonly className?: string;
}

export interface KindFilters {
  /** Exact version and "version below" (kinds whose rows carry a version). */
  readonly version?: boolean;
  /** Port number and "public only". */
  readonly port?: boolean;
  /** The user a process or cron job runs as. */
  readonly user?: boolean;
}

export interface KindSpec<K extends ListFactKind> {
  readonly kind: K;
  readonly label: string;
  /** For "Search …" placeholders: what the name filter matches. */
  readonly nameHint: string;
  readonly description: string;
  readonly filters: KindFilters;
  readonly columns: readonly Column<K>[];
}

const dash = <span className="muted">—</span>;

function text(value: string | number | null | undefined): ReactNode {
  return value === null || value === undefined || value === '' ? dash : value;
}

/** A long value (command line, path) kept on one line, whole on hover. */
function Clip({ value, mono = true }: { readonly value: string | null; readonly mono?: boolean }) {
  if (!value) return dash;
  return (
    <span className={mono ? 'mono cell-clip cell-wide clip-block' : 'cell-clip cell-wide clip-block'} title={value}>
      {value}
    </span>
  );
}

function Chips({ values, mono = false, max = 4 }: { readonly values: readonly (string | number)[]; readonly mono?: boolean; readonly max?: number }) {
  if (values.length === 0) return dash;
  return (
    <span className="chips">
      {values.slice(0, max).map((value) => (
        <span key={value} className={mono ? 'chip mono' : 'chip'}>
          {value}
        </span>
      ))}
      {values.length > max ? (
        <span className="chip" title={values.slice(max).join('\n')}>
          +{values.length - max}
        </span>
      ) : null}
    </span>
  );
}

function YesNo({ value, yes = 'Yes', no = 'No', yesTone = 'ok' as const }: { readonly value: boolean | null; readonly yes?: string; readonly no?: string; readonly yesTone?: 'ok' | 'warn' | 'danger' | 'info' }) {
  if (value === null) return dash;
  return value ? <Badge tone={yesTone}>{yes}</Badge> : <Badge tone="muted">{no}</Badge>;
}

function bytes(value: number | null): string | null {
  if (value === null) return null;
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${(value / 1024 / 1024).toFixed(1)} MiB`;
}

function Process({ pid, name }: { readonly pid: number | null; readonly name: string | null }) {
  if (pid === null && !name) return dash;
  return (
    <>
      {name ?? dash}
      {pid !== null ? <div className="cell-sub mono">pid {pid}</div> : null}
    </>
  );
}

const packages: KindSpec<'packages'> = {
  kind: 'packages',
  label: 'Packages',
  nameHint: 'package name',
  description: 'Installed dpkg, rpm and apk packages.',
  filters: { version: true },
  columns: [
    { label: 'Package', cell: (p) => <span className="strong">{p.name}</span> },
    { label: 'Version', cell: (p) => p.version, className: 'mono' },
    { label: 'Architecture', cell: (p) => text(p.architecture), className: 'mono' },
    { label: 'Source', cell: (p) => (p.sourceName ? <>{p.sourceName}{p.sourceVersion && p.sourceVersion !== p.version ? <div className="cell-sub mono">{p.sourceVersion}</div> : null}</> : dash) },
    { label: 'Format', cell: (p) => p.format },
  ],
};

const accounts: KindSpec<'accounts'> = {
  kind: 'accounts',
  label: 'Accounts',
  nameHint: 'account name',
  description: 'Local user accounts, their groups, shells, password state and sudo rights.',
  filters: {},
  columns: [
    { label: 'Account', cell: (a) => <><span className="strong">{a.name}</span>{a.gecos ? <div className="cell-sub">{a.gecos}</div> : null}</> },
    { label: 'UID / GID', cell: (a) => `${a.uid} / ${a.gid}`, className: 'mono' },
    { label: 'Groups', cell: (a) => <Chips values={a.groups} /> },
    { label: 'Shell', cell: (a) => <>{a.shell}<div className="cell-sub">{a.canLogin ? 'interactive' : 'no login'}</div></>, className: 'mono' },
    { label: 'Password', cell: (a) => <Badge tone={a.passwordState === 'empty' ? 'danger' : a.passwordState === 'set' ? 'info' : 'muted'}>{a.passwordState}</Badge> },
    { label: 'Sudo', cell: (a) => (a.sudo.length > 0 ? <span className="mono cell-clip clip-block" title={a.sudo.join('\n')}>{a.sudo.join('; ')}</span> : dash) },
    { label: 'Home', cell: (a) => <Clip value={a.home} /> },
    { label: 'Last login', cell: (a) => (a.lastLogin ? <>{a.lastLogin.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}{a.lastLoginFrom ? <div className="cell-sub mono">{a.lastLoginFrom}</div> : null}</> : dash) },
  ],
};

const processes: KindSpec<'processes'> = {
  kind: 'processes',
  label: 'Processes',
  nameHint: 'process name',
  description: 'Processes running when the agent last looked.',
  filters: { user: true },
  columns: [
    { label: 'PID', cell: (p) => <><span>{p.pid}</span>{p.ppid !== null ? <div className="cell-sub">ppid {p.ppid}</div> : null}</>, className: 'mono' },
    { label: 'Name', cell: (p) => <span className="strong">{p.name}</span> },
    { label: 'User', cell: (p) => text(p.user) },
    { label: 'Command line', cell: (p) => <Clip value={p.commandLine} /> },
    { label: 'Executable', cell: (p) => <Clip value={p.executable} /> },
    { label: 'Started', cell: (p) => text(p.startTime?.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')) },
    { label: 'Container', cell: (p) => text(p.containerId?.slice(0, 12)), className: 'mono' },
  ],
};

const ports: KindSpec<'ports'> = {
  kind: 'ports',
  label: 'Ports',
  nameHint: 'protocol/port, e.g. tcp/22',
  description: 'Listening TCP and UDP sockets and the process that owns each.',
  filters: { port: true },
  columns: [
    { label: 'Port', cell: (p) => <span className="strong mono">{p.port}</span> },
    { label: 'Protocol', cell: (p) => `${p.protocol} / ${p.family}` },
    { label: 'Address', cell: (p) => p.address, className: 'mono' },
    { label: 'Exposure', cell: (p) => <YesNo value={p.external} yes="Public" no="Loopback" yesTone="warn" /> },
    { label: 'Process', cell: (p) => <Process pid={p.pid} name={p.processName} /> },
    { label: 'State', cell: (p) => p.state },
  ],
};

const databases: KindSpec<'databases'> = {
  kind: 'databases',
  label: 'Databases',
  nameHint: 'engine',
  description: 'Database servers found running or installed.',
  filters: { version: true, port: true },
  columns: [
    { label: 'Engine', cell: (d) => <span className="strong">{d.engine}</span> },
    { label: 'Version', cell: (d) => text(d.version), className: 'mono' },
    { label: 'Ports', cell: (d) => <Chips values={d.ports} mono /> },
    { label: 'Data directory', cell: (d) => <Clip value={d.dataDirectory} /> },
    { label: 'Process', cell: (d) => <Process pid={d.pid} name={d.processName} /> },
  ],
};

const webServices: KindSpec<'webServices'> = {
  kind: 'webServices',
  label: 'Web servers',
  nameHint: 'server, e.g. nginx',
  description: 'Web servers (nginx, Apache, …) with their configuration and ports.',
  filters: { version: true, port: true },
  columns: [
    { label: 'Server', cell: (w) => <span className="strong">{w.server}</span> },
    { label: 'Version', cell: (w) => text(w.version), className: 'mono' },
    { label: 'Ports', cell: (w) => <Chips values={w.ports} mono /> },
    { label: 'Configuration', cell: (w) => <Clip value={w.configPath} /> },
    { label: 'PID', cell: (w) => text(w.pid), className: 'mono' },
  ],
};

const webSites: KindSpec<'webSites'> = {
  kind: 'webSites',
  label: 'Web sites',
  nameHint: 'server name',
  description: 'Sites and virtual hosts configured in the web servers.',
  filters: { port: true },
  columns: [
    { label: 'Site', cell: (w) => <Chips values={w.serverNames.length > 0 ? w.serverNames : ['(default)']} max={3} /> },
    { label: 'Server', cell: (w) => w.server },
    { label: 'Ports', cell: (w) => <Chips values={w.ports} mono /> },
    { label: 'TLS', cell: (w) => <YesNo value={w.tls} yes="TLS" no="Plain" /> },
    { label: 'Serves', cell: (w) => <Clip value={w.upstream ?? w.documentRoot} /> },
    { label: 'Configuration', cell: (w) => <Clip value={w.configPath} /> },
  ],
};

const webFrameworks: KindSpec<'webFrameworks'> = {
  kind: 'webFrameworks',
  label: 'Frameworks',
  nameHint: 'framework',
  description: 'Application frameworks found in deployed code.',
  filters: { version: true },
  columns: [
    { label: 'Framework', cell: (w) => <span className="strong">{w.framework}</span> },
    { label: 'Version', cell: (w) => text(w.version), className: 'mono' },
    { label: 'Path', cell: (w) => <Clip value={w.path} /> },
    { label: 'Evidence', cell: (w) => <Clip value={w.evidence} /> },
  ],
};

const jars: KindSpec<'jars'> = {
  kind: 'jars',
  label: 'Jar files',
  nameHint: 'groupId:artifactId',
  description: 'Java archives, including those nested in fat jars.',
  filters: { version: true },
  columns: [
    { label: 'Artifact', cell: (_jar, item) => <span className="strong mono">{item.name}</span> },
    { label: 'Version', cell: (j) => text(j.version), className: 'mono' },
    { label: 'Path', cell: (j) => <Clip value={j.path} /> },
    { label: 'Nested in', cell: (j) => <Clip value={j.parent} /> },
    { label: 'SHA-1', cell: (j) => (j.sha1 ? <span className="mono" title={j.sha1}>{j.sha1.slice(0, 12)}</span> : dash) },
  ],
};

const languagePackages: KindSpec<'languagePackages'> = {
  kind: 'languagePackages',
  label: 'Language packages',
  nameHint: 'package name',
  description: 'npm, PyPI, Go, Rust and Ruby packages installed in applications and programs.',
  filters: { version: true },
  columns: [
    { label: 'Package', cell: (l) => <span className="strong mono">{l.name}</span> },
    { label: 'Ecosystem', cell: (l) => l.ecosystem },
    { label: 'Version', cell: (l) => text(l.version), className: 'mono' },
    { label: 'Path', cell: (l) => <Clip value={l.path} /> },
    { label: 'Evidence', cell: (l) => <Clip value={l.evidence} /> },
  ],
};

const services: KindSpec<'services'> = {
  kind: 'services',
  label: 'Services',
  nameHint: 'service name',
  description: 'systemd units and SysV scripts, whether they start at boot and whether they run.',
  filters: {},
  columns: [
    { label: 'Service', cell: (s) => <><span className="strong">{s.name}</span>{s.description ? <div className="cell-sub">{s.description}</div> : null}</> },
    { label: 'Type', cell: (s) => s.type },
    { label: 'Start at boot', cell: (s) => <YesNo value={s.enabled} yes="Enabled" no={s.state} /> },
    { label: 'Running', cell: (s) => <YesNo value={s.active} yes="Active" no="Inactive" /> },
    { label: 'Command', cell: (s) => <Clip value={s.command} /> },
    { label: 'Unit file', cell: (s) => <Clip value={s.path} /> },
  ],
};

const cronJobs: KindSpec<'cronJobs'> = {
  kind: 'cronJobs',
  label: 'Cron jobs',
  nameHint: 'command',
  description: 'Cron entries, periodic scripts and systemd timers.',
  filters: { user: true },
  columns: [
    { label: 'Schedule', cell: (c) => <span className="mono strong">{c.schedule}</span> },
    { label: 'User', cell: (c) => text(c.user) },
    { label: 'Command', cell: (c) => <Clip value={c.command} /> },
    { label: 'Source', cell: (c) => <><Clip value={`${c.source}${c.line !== null ? `:${c.line}` : ''}`} /><div className="cell-sub">{c.sourceKind}</div></> },
  ],
};

const environment: KindSpec<'environment'> = {
  kind: 'environment',
  label: 'Environment',
  nameHint: 'variable name',
  description: 'Environment variables of the system and of processes; values that look like secrets are masked.',
  filters: {},
  columns: [
    { label: 'Variable', cell: (e) => <span className="strong mono">{e.name}</span> },
    { label: 'Value', cell: (e) => (e.masked ? <><Badge tone="warn">Masked</Badge> <span className="mono muted">{e.value}</span></> : <Clip value={e.value} />) },
    { label: 'Scope', cell: (e) => e.scope },
    { label: 'Source', cell: (e) => <Clip value={e.source} /> },
    { label: 'Process', cell: (e) => <Process pid={e.pid} name={e.processName} /> },
  ],
};

const kernelModules: KindSpec<'kernelModules'> = {
  kind: 'kernelModules',
  label: 'Kernel modules',
  nameHint: 'module name',
  description: 'Loaded kernel modules, their signatures and taint.',
  filters: { version: true },
  columns: [
    { label: 'Module', cell: (m) => <span className="strong mono">{m.name}</span> },
    { label: 'Version', cell: (m) => text(m.version), className: 'mono' },
    { label: 'Size', cell: (m) => text(bytes(m.size)) },
    { label: 'Used by', cell: (m) => <Chips values={m.usedBy} mono max={3} /> },
    { label: 'Signed', cell: (m) => <YesNo value={m.signed} yes="Signed" no="Unsigned" /> },
    { label: 'Taint', cell: (m) => text(m.taint), className: 'mono' },
    { label: 'File', cell: (m) => <Clip value={m.file} /> },
  ],
};

export type AnyKindSpec = { [K in ListFactKind]: KindSpec<K> }[ListFactKind];

/** In the order of the asset menu: what people look for first comes first. */
export const KIND_SPECS: readonly AnyKindSpec[] = [packages, accounts, ports, processes, services, cronJobs, databases, webServices, webSites, webFrameworks, jars, languagePackages, kernelModules, environment];

export function kindSpec(kind: string): AnyKindSpec | undefined {
  return KIND_SPECS.find((spec) => spec.kind === kind);
}

/** Renders one cell; the spec and item belong to the same kind, which the union cannot see. */
export function renderCell(spec: AnyKindSpec, column: number, item: InventoryItem): ReactNode {
  const col = spec.columns[column] as unknown as Column<ListFactKind> | undefined;
  return col ? col.cell(item.data as never, item) : null;
}

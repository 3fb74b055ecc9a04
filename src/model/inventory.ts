// The asset inventory (issue 3): one schema per fact kind, the same for a live host, a container
// and an image (STYLE.md habit 6). Fields are camelCase; what a view cannot know is null, never
// left out, so every row of a kind has the same keys. Secrets never appear: password hashes are
// reduced to a state, and environment values that look like secrets are masked.
import { z } from 'zod';
import { Timestamp } from './common.js';

const Port = z.number().int().min(0).max(65535);
const Pid = z.number().int().min(0);

export const PackageFormat = z.enum(['dpkg', 'rpm', 'apk']);

export const Package = z.object({
  name: z.string().min(1),
  /** As the format writes it: dpkg "[epoch:]upstream[-revision]", rpm "[epoch:]version-release", apk "version-rN". */
  version: z.string(),
  architecture: z.string().nullable(),
  /** Debian `Source:`, RPM source rpm name, Alpine origin; the binary's own name when none is recorded. */
  sourceName: z.string().nullable(),
  sourceVersion: z.string().nullable(),
  format: PackageFormat,
  /** The package database it was read from, as a path inside the view. */
  database: z.string(),
});
export type Package = z.infer<typeof Package>;

export const PasswordState = z.enum(['empty', 'locked', 'set', 'expired', 'notVisible']);
export type PasswordState = z.infer<typeof PasswordState>;

export const Account = z.object({
  name: z.string().min(1),
  uid: z.number().int(),
  gid: z.number().int(),
  /** Every group the account is in: its primary group first, then supplementary groups. */
  groups: z.array(z.string()),
  home: z.string(),
  shell: z.string(),
  gecos: z.string(),
  /** Has an interactive shell (not nologin/false). Password login also depends on passwordState. */
  canLogin: z.boolean(),
  passwordState: PasswordState,
  /** sudoers rules that apply to the account, directly or through a %group, as written. */
  sudo: z.array(z.string()),
  lastLogin: Timestamp.nullable(),
  lastLoginFrom: z.string().nullable(),
});
export type Account = z.infer<typeof Account>;

export const Process = z.object({
  pid: Pid,
  ppid: Pid.nullable(),
  user: z.string().nullable(),
  uid: z.number().int().nullable(),
  name: z.string(),
  commandLine: z.string(),
  executable: z.string().nullable(),
  executableSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  startTime: Timestamp.nullable(),
  containerId: z.string().nullable(),
});
export type Process = z.infer<typeof Process>;

export const ListeningPort = z.object({
  protocol: z.enum(['tcp', 'udp']),
  family: z.enum(['ipv4', 'ipv6']),
  address: z.string(),
  port: Port,
  state: z.string(),
  pid: Pid.nullable(),
  processName: z.string().nullable(),
  /** Bound to a non-loopback address, so reachable from outside the host. */
  external: z.boolean(),
});
export type ListeningPort = z.infer<typeof ListeningPort>;

export const Database = z.object({
  engine: z.string(),
  version: z.string().nullable(),
  ports: z.array(Port),
  dataDirectory: z.string().nullable(),
  pid: Pid.nullable(),
  processName: z.string().nullable(),
});
export type Database = z.infer<typeof Database>;

export const WebService = z.object({
  server: z.string(),
  version: z.string().nullable(),
  configPath: z.string().nullable(),
  ports: z.array(Port),
  pid: Pid.nullable(),
});
export type WebService = z.infer<typeof WebService>;

export const WebSite = z.object({
  server: z.string(),
  serverNames: z.array(z.string()),
  ports: z.array(Port),
  documentRoot: z.string().nullable(),
  upstream: z.string().nullable(),
  tls: z.boolean(),
  configPath: z.string(),
});
export type WebSite = z.infer<typeof WebSite>;

export const WebFramework = z.object({
  framework: z.string(),
  version: z.string().nullable(),
  path: z.string(),
  /** What gave it away: a file, a dependency entry, a jar name. */
  evidence: z.string(),
});
export type WebFramework = z.infer<typeof WebFramework>;

export const Jar = z.object({
  /** Inside a fat jar: "outer.jar!/BOOT-INF/lib/inner.jar". */
  path: z.string(),
  /** The jar this one is nested in; null for a jar on the file system. */
  parent: z.string().nullable(),
  groupId: z.string().nullable(),
  artifactId: z.string().nullable(),
  version: z.string().nullable(),
  sha1: z.string().regex(/^[0-9a-f]{40}$/).nullable(),
});
export type Jar = z.infer<typeof Jar>;

/** OSV ecosystem names, so a row is matched against advisories as it stands. */
export const LanguageEcosystem = z.enum(['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems']);
export type LanguageEcosystem = z.infer<typeof LanguageEcosystem>;

export const LanguagePackage = z.object({
  ecosystem: LanguageEcosystem,
  /** As the ecosystem writes it: "@types/node", "Django", "golang.org/x/net", "stdlib" for Go's standard library. */
  name: z.string().min(1),
  version: z.string().nullable(),
  /** Where it is installed: the package directory, the dist-info directory, the binary, the lock file. */
  path: z.string(),
  /** The file that told: a package.json, METADATA, a binary's build info, a lock file entry. */
  evidence: z.string(),
});
export type LanguagePackage = z.infer<typeof LanguagePackage>;

export const Service = z.object({
  name: z.string(),
  type: z.enum(['systemd', 'sysv']),
  /** systemd unit file state (enabled, disabled, static, masked…) or "enabled" for a SysV script started in some runlevel. */
  state: z.string(),
  enabled: z.boolean(),
  /** Running right now; null where the view cannot tell (not live, no service manager). */
  active: z.boolean().nullable(),
  description: z.string().nullable(),
  path: z.string(),
  command: z.string().nullable(),
});
export type Service = z.infer<typeof Service>;

export const CronJob = z.object({
  /** Cron expression ("*\/5 * * * *", "@daily"), systemd OnCalendar/OnBootSec…, or a cron.daily-style period. */
  schedule: z.string(),
  user: z.string().nullable(),
  command: z.string(),
  source: z.string(),
  sourceKind: z.enum(['crontab', 'cronD', 'userCrontab', 'periodic', 'systemdTimer']),
  line: z.number().int().nullable(),
});
export type CronJob = z.infer<typeof CronJob>;

export const EnvironmentVariable = z.object({
  name: z.string(),
  /** The value, or a mask keeping only its length class when it looks like a secret. */
  value: z.string(),
  masked: z.boolean(),
  scope: z.enum(['system', 'process']),
  source: z.string(),
  pid: Pid.nullable(),
  processName: z.string().nullable(),
});
export type EnvironmentVariable = z.infer<typeof EnvironmentVariable>;

export const KernelModule = z.object({
  name: z.string(),
  size: z.number().int().nullable(),
  usedBy: z.array(z.string()),
  refCount: z.number().int().nullable(),
  state: z.string().nullable(),
  file: z.string().nullable(),
  version: z.string().nullable(),
  /**
   * false when the kernel marked it unsigned (taint "E"); true when the kernel checks module
   * signatures and did not; null when it cannot tell.
   */
  signed: z.boolean().nullable(),
  /** Kernel taint letters for this module (/sys/module/NAME/taint): "O" out of tree, "E" unsigned… */
  taint: z.string().nullable(),
});
export type KernelModule = z.infer<typeof KernelModule>;

export const DiskUsage = z.object({
  mountPoint: z.string(),
  device: z.string(),
  fsType: z.string(),
  totalBytes: z.number(),
  usedBytes: z.number(),
  availableBytes: z.number(),
});

export const NetworkCounters = z.object({
  interface: z.string(),
  rxBytes: z.number(),
  txBytes: z.number(),
  rxPackets: z.number(),
  txPackets: z.number(),
  rxErrors: z.number(),
  txErrors: z.number(),
});

export const Resources = z.object({
  sampledAt: Timestamp,
  cpu: z.object({
    count: z.number().int(),
    /** Busy share of all CPUs over the sampling interval, 0–100. */
    usagePercent: z.number().nullable(),
    load1: z.number().nullable(),
    load5: z.number().nullable(),
    load15: z.number().nullable(),
  }),
  memory: z.object({
    totalBytes: z.number(),
    availableBytes: z.number(),
    usedBytes: z.number(),
    swapTotalBytes: z.number(),
    swapFreeBytes: z.number(),
  }),
  disks: z.array(DiskUsage),
  network: z.array(NetworkCounters),
});
export type Resources = z.infer<typeof Resources>;

export const HostAddress = z.object({ interface: z.string(), address: z.string(), family: z.enum(['ipv4', 'ipv6']) });

export const HostInfo = z.object({
  hostname: z.string().nullable(),
  os: z.object({
    id: z.string().nullable(),
    idLike: z.array(z.string()),
    name: z.string().nullable(),
    version: z.string().nullable(),
    versionId: z.string().nullable(),
    prettyName: z.string().nullable(),
  }),
  kernel: z.object({ release: z.string(), version: z.string().nullable() }).nullable(),
  architecture: z.string().nullable(),
  addresses: z.array(HostAddress),
  machineId: z.string().nullable(),
  cpuCount: z.number().int().nullable(),
  cpuModel: z.string().nullable(),
  memoryBytes: z.number().nullable(),
  bootTime: Timestamp.nullable(),
});
export type HostInfo = z.infer<typeof HostInfo>;

/** Every fact kind and the schema of one of its rows. The names are those of reports and the API. */
export const factSchemas = {
  host: HostInfo,
  resources: Resources,
  packages: Package,
  accounts: Account,
  processes: Process,
  ports: ListeningPort,
  databases: Database,
  webServices: WebService,
  webSites: WebSite,
  webFrameworks: WebFramework,
  jars: Jar,
  languagePackages: LanguagePackage,
  services: Service,
  cronJobs: CronJob,
  environment: EnvironmentVariable,
  kernelModules: KernelModule,
} as const;

export type FactKind = keyof typeof factSchemas;
export type Fact<K extends FactKind> = z.infer<(typeof factSchemas)[K]>;
export const FactKind = z.enum(Object.keys(factSchemas) as [FactKind, ...FactKind[]]);

/** Kinds that describe the system as one object rather than a list. */
export const singletonKinds = ['host', 'resources'] as const satisfies readonly FactKind[];

/** Something that exists but this scanner may not read (no root for /etc/shadow, another user's /proc). */
export const NotVisible = z.object({
  kind: FactKind,
  path: z.string(),
  message: z.string(),
});
export type NotVisible = z.infer<typeof NotVisible>;

export const Inventory = z.object({
  host: HostInfo.nullable(),
  resources: Resources.nullable(),
  packages: z.array(Package),
  accounts: z.array(Account),
  processes: z.array(Process),
  ports: z.array(ListeningPort),
  databases: z.array(Database),
  webServices: z.array(WebService),
  webSites: z.array(WebSite),
  webFrameworks: z.array(WebFramework),
  jars: z.array(Jar),
  languagePackages: z.array(LanguagePackage),
  services: z.array(Service),
  cronJobs: z.array(CronJob),
  environment: z.array(EnvironmentVariable),
  kernelModules: z.array(KernelModule),
  notVisible: z.array(NotVisible),
  /** Kinds the view cannot have (processes of a directory): not collected, rather than empty. */
  notApplicable: z.array(FactKind),
});
export type Inventory = z.infer<typeof Inventory>;

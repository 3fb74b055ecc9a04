// Changes to a host's inventory that a security team wants to hear about (issue 3): a new
// listening port, a new account or sudo right, a new cron job or startup service, a new kernel
// module. Each becomes a low-severity event; the first inventory of a host is its baseline and
// raises none.
import type { Account, CronJob, Fact, KernelModule, ListeningPort, Service } from '../../model/inventory.js';
import type { Severity } from '../../model/common.js';
import type { ListFactKind } from './fact-identity.js';

export interface ChangeEvent {
  readonly type: string;
  readonly severity: Severity;
  readonly title: string;
  /** Same key, same event: repeats are counted on one event instead of flooding. */
  readonly dedupeKey: string;
  readonly details: Record<string, unknown>;
}

export interface FactChange<K extends ListFactKind> {
  readonly kind: K;
  readonly key: string;
  /** The row before, or null when the key is new on this host. */
  readonly before: Fact<K> | null;
  readonly after: Fact<K>;
}

type Rule<K extends ListFactKind> = (change: FactChange<K>) => ChangeEvent | null;

const newPort: Rule<'ports'> = ({ key, before, after }) => {
  if (before) return null;
  const port: ListeningPort = after;
  const owner = port.processName ? ` (${port.processName})` : '';
  return {
    type: 'inventory.new_port',
    severity: 'low',
    title: `New listening port ${port.protocol}/${port.port} on ${port.address}${owner}`,
    dedupeKey: `port:${key}`,
    details: { ...port },
  };
};

const accountChange: Rule<'accounts'> = ({ key, before, after }) => {
  const account: Account = after;
  if (!before) {
    return { type: 'inventory.new_account', severity: 'low', title: `New account ${account.name} (uid ${account.uid})`, dedupeKey: `account:${key}`, details: { ...account } };
  }
  const gained = account.sudo.filter((rule) => !before.sudo.includes(rule));
  if (gained.length === 0) return null;
  return {
    type: 'inventory.new_sudo_right',
    severity: 'low',
    title: `New sudo right for ${account.name}: ${gained.join('; ')}`,
    dedupeKey: `sudo:${key}:${gained.join('|')}`,
    details: { account: account.name, gained },
  };
};

const newCronJob: Rule<'cronJobs'> = ({ key, before, after }) => {
  if (before) return null;
  const job: CronJob = after;
  return { type: 'inventory.new_cron_job', severity: 'low', title: `New scheduled task in ${job.source}: ${job.schedule} ${job.command}`.slice(0, 300), dedupeKey: `cron:${key}`, details: { ...job } };
};

const newService: Rule<'services'> = ({ key, before, after }) => {
  const service: Service = after;
  // A startup service: new and enabled, or an existing one newly enabled.
  if (!service.enabled || (before && before.enabled)) return null;
  return { type: 'inventory.new_service', severity: 'low', title: `New startup service ${service.name}`, dedupeKey: `service:${key}`, details: { ...service } };
};

const newKernelModule: Rule<'kernelModules'> = ({ key, before, after }) => {
  if (before) return null;
  const module: KernelModule = after;
  return { type: 'inventory.new_kernel_module', severity: 'low', title: `New kernel module ${module.name}`, dedupeKey: `kmod:${key}`, details: { ...module } };
};

const rules: { [K in ListFactKind]?: Rule<K> } = {
  ports: newPort,
  accounts: accountChange,
  cronJobs: newCronJob,
  services: newService,
  kernelModules: newKernelModule,
};

/** The events a batch of upserts raises; none when `baseline` (the host's first inventory of this kind). */
export function changeEvents<K extends ListFactKind>(changes: readonly FactChange<K>[], baseline: boolean): ChangeEvent[] {
  if (baseline) return [];
  const events: ChangeEvent[] = [];
  for (const change of changes) {
    const rule = rules[change.kind] as Rule<K> | undefined;
    const event = rule?.(change);
    if (event) events.push(event);
  }
  return events;
}

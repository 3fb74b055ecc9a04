// Scheduled jobs: the system crontab and /etc/cron.d, users' crontabs (Debian, Red Hat and
// Alpine spool locations), the run-parts period directories, and enabled systemd timers with the
// command of the service each one starts.
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { parseCrontab } from './cron/crontab.js';
import { MAX_WARNINGS_PER_FILE, readDirSafely, readTextSafely, statSafely } from './read-safely.js';
import { parseUnitFile, unitValue, unitValues } from './systemd/unit-file.js';
import { UNIT_DIRS, enabledLinks, listUnits } from './systemd/unit-dirs.js';

const CRONTAB = '/etc/crontab';
const CRON_D = '/etc/cron.d';
const USER_SPOOLS = ['/var/spool/cron/crontabs', '/var/spool/cron', '/etc/crontabs'];
const PERIODS: readonly [string, string][] = [
  ['/etc/cron.hourly', '@hourly'],
  ['/etc/cron.daily', '@daily'],
  ['/etc/cron.weekly', '@weekly'],
  ['/etc/cron.monthly', '@monthly'],
];
const TIMER_KEYS = ['OnCalendar', 'OnActiveSec', 'OnBootSec', 'OnStartupSec', 'OnUnitActiveSec', 'OnUnitInactiveSec'];

/** run-parts(8) and Debian cron only take names of letters, digits, "_" and "-". */
const RUN_PARTS_NAME = /^[A-Za-z0-9_-]+$/;

async function crontabFile(view: SystemView, path: string, kind: 'crontab' | 'cronD' | 'userCrontab', user: string | null, out: Collected<'cronJobs'>): Promise<void> {
  const text = await readTextSafely(view, path, out);
  if (text === null) return;
  const parsed = parseCrontab(text, user === null);
  for (const line of parsed.badLines.slice(0, MAX_WARNINGS_PER_FILE)) out.warn(`line ${line}: not a cron job line`, path);
  if (parsed.badLines.length > MAX_WARNINGS_PER_FILE) out.warn(`${parsed.badLines.length - MAX_WARNINGS_PER_FILE} more malformed lines`, path);
  for (const job of parsed.jobs) {
    out.items.push({ schedule: job.schedule, user: user ?? job.user, command: job.command, source: path, sourceKind: kind, line: job.line });
  }
}

const templateName = (name: string) => name.replace(/@[^.]*\./, '@.');

async function timers(view: SystemView, out: Collected<'cronJobs'>): Promise<void> {
  const units = await listUnits(view, ['.timer', '.service'], out);
  const links = await enabledLinks(view, out);
  for (const name of [...links].filter((link) => link.endsWith('.timer')).sort()) {
    // An instance "x@y.timer" is read from its template "x@.timer".
    const entry = units.get(name) ?? units.get(templateName(name));
    if (!entry || entry.linkTarget === '/dev/null') continue;
    const text = await readTextSafely(view, entry.path, out);
    if (text === null) continue;
    const timer = parseUnitFile(text);
    const schedule = TIMER_KEYS.flatMap((key) => unitValues(timer, 'Timer', key).filter((v) => v !== '').map((v) => `${key}=${v}`)).join('; ');
    const serviceName = unitValue(timer, 'Timer', 'Unit') ?? name.replace(/\.timer$/, '.service');
    const serviceEntry = units.get(serviceName) ?? units.get(templateName(serviceName));
    const serviceText = serviceEntry ? await readTextSafely(view, serviceEntry.path, out) : null;
    const service = serviceText === null ? null : parseUnitFile(serviceText);
    const execStart = service ? unitValues(service, 'Service', 'ExecStart').filter((v) => v !== '').join('; ') : '';
    out.items.push({
      schedule: schedule || 'unscheduled',
      user: service ? (unitValue(service, 'Service', 'User') ?? 'root') : null,
      command: execStart || serviceName,
      source: entry.path,
      sourceKind: 'systemdTimer',
      line: null,
    });
  }
}

export const cronJobs: Collector<'cronJobs'> = {
  name: 'cron-jobs',
  kind: 'cronJobs',
  version: 1,
  liveOnly: false,
  needs: { files: [CRONTAB], dirs: [CRON_D, ...USER_SPOOLS, ...PERIODS.map(([dir]) => dir), ...UNIT_DIRS] },
  async collect(view: SystemView) {
    const out = new Collected(this);
    await crontabFile(view, CRONTAB, 'crontab', null, out);
    for (const name of (await readDirSafely(view, CRON_D, out)) ?? []) {
      if (RUN_PARTS_NAME.test(name)) await crontabFile(view, `${CRON_D}/${name}`, 'cronD', null, out);
    }
    // Spools are often symlinks to one another (Alpine: /var/spool/cron/crontabs -> /etc/crontabs).
    const seen = new Set<string>();
    for (const spool of USER_SPOOLS) {
      for (const user of (await readDirSafely(view, spool, out)) ?? []) {
        const path = `${spool}/${user}`;
        const stat = user.startsWith('.') ? null : await statSafely(view, path, out);
        const identity = `${user}:${stat?.size}:${stat?.mtimeMs}`;
        if (stat?.type !== 'file' || seen.has(identity)) continue;
        seen.add(identity);
        await crontabFile(view, path, 'userCrontab', user, out);
      }
    }
    for (const [dir, schedule] of PERIODS) {
      for (const name of (await readDirSafely(view, dir, out)) ?? []) {
        const path = `${dir}/${name}`;
        if (!RUN_PARTS_NAME.test(name) || (await statSafely(view, path, out))?.type !== 'file') continue;
        out.items.push({ schedule, user: 'root', command: path, source: dir, sourceKind: 'periodic', line: null });
      }
    }
    await timers(view, out);
    return out.output();
  },
};

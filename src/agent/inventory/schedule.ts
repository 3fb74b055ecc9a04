// How often the agent collects each fact kind (issue 3: fast-changing kinds often, packages when
// the package database changes). Detection content is data (STYLE.md habit 7): tune it here.
import type { FactKind } from '../../model/inventory.js';

export interface KindSchedule {
  /** Collect at least this often. */
  readonly everySeconds: number;
  /** Also collect as soon as one of these files changes (checked every tick). */
  readonly watch?: readonly string[];
  /**
   * Wait this long after the agent starts before the first run: kinds that walk the whole disk
   * would otherwise all land in the agent's first seconds, on every host of a fleet restarting
   * together. A resync order runs them at once.
   */
  readonly firstAfterSeconds?: number;
  /**
   * Collected in the agent itself: the kinds due every minute, whose cost is small and whose
   * state (CPU times between samples, hashed programs) lives on between runs. Every other kind
   * runs in a short-lived child process (child-collection.ts).
   */
  readonly inAgent?: boolean;
}

export const TICK_SECONDS = 5;

// Listed in the order the first collection runs them: cheap, telling kinds first, so a newly
// enrolled host shows its packages, accounts and ports within seconds.
export const INVENTORY_SCHEDULE: Partial<Record<FactKind, KindSchedule>> = {
  host: { everySeconds: 600, watch: ['/etc/os-release', '/usr/lib/os-release'] },
  packages: { everySeconds: 6 * 3600, watch: ['/var/lib/dpkg/status', '/var/lib/rpm/rpmdb.sqlite', '/var/lib/rpm/Packages', '/lib/apk/db/installed'] },
  accounts: { everySeconds: 600, watch: ['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/sudoers'] },
  ports: { everySeconds: 60, inAgent: true },
  resources: { everySeconds: 60, inAgent: true },
  services: { everySeconds: 600 },
  cronJobs: { everySeconds: 600, watch: ['/etc/crontab'] },
  kernelModules: { everySeconds: 300 },
  processes: { everySeconds: 60, inAgent: true },
  databases: { everySeconds: 900 },
  environment: { everySeconds: 1800 },
  webServices: { everySeconds: 1800 },
  webSites: { everySeconds: 1800 },
  webFrameworks: { everySeconds: 6 * 3600, firstAfterSeconds: 600 },
  jars: { everySeconds: 6 * 3600, firstAfterSeconds: 600 },
  languagePackages: { everySeconds: 6 * 3600, firstAfterSeconds: 600 },
};

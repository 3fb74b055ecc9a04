// Every collector, one line each (STYLE.md habit 2). Several collectors may fill one kind
// (dpkg, rpm and apk all give `packages`); names are unique and a duplicate throws at load.
import type { Collector } from './collector.js';
import { webFrameworksCollector } from './web-frameworks.js';
import { webSitesCollector } from './web-sites.js';
import { webServicesCollector } from './web-services.js';
import { jarsCollector } from './jars.js';
import { languagePackagesCollector } from './language-packages.js';
import { databasesCollector } from './databases.js';
import { portsCollector } from './ports.js';
import { processesCollector } from './processes.js';
import { dpkgPackages } from './packages-dpkg.js';
import { rpmPackages } from './packages-rpm.js';
import { apkPackages } from './packages-apk.js';
import { accounts } from './accounts.js';
import { services } from './services.js';
import { cronJobs } from './cron-jobs.js';
import { environment } from './environment.js';
import { kernelModules } from './kernel-modules.js';
import { resources } from './resources.js';
import { hostInfo } from './host-info.js';

const members: readonly Collector[] = [
  webFrameworksCollector,
  webSitesCollector,
  webServicesCollector,
  jarsCollector,
  languagePackagesCollector,
  databasesCollector,
  portsCollector,
  processesCollector,
  dpkgPackages,
  rpmPackages,
  apkPackages,
  accounts,
  services,
  cronJobs,
  environment,
  kernelModules,
  resources,
  hostInfo,
];

export const collectors: readonly Collector[] = (() => {
  const seen = new Set<string>();
  for (const collector of members) {
    if (seen.has(collector.name)) throw new Error(`duplicate collector ${collector.name}`);
    seen.add(collector.name);
  }
  return members;
})();

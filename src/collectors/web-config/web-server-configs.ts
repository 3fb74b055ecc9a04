// Which nginx and Apache configurations a view holds: the ones running servers were started
// with (live views: "-c"/"-f" in their arguments) and the distributions' default locations.
// Each is read with its includes and turned into sites.
import type { SystemView } from '../../view/system-view.js';
import type { ProcessEntry } from '../proc/process-table.js';
import { serverProcess } from '../servers/running-servers.js';
import { APACHE_CONFIGS, CADDY_CONFIGS, NGINX_CONFIGS, TOMCAT_CONFIGS, apacheServerRoot, webServers } from '../servers/web-servers.js';
import { apacheSites } from './apache-sites.js';
import { readApacheConfig } from './apache-config.js';
import { expandInclude, readConfigFile, type ConfigWarning } from './config-files.js';
import { nginxSites, type WebSiteConfig } from './nginx-sites.js';
import { readNginxConfig } from './nginx-config.js';
import { readCaddySites } from './caddy-sites.js';
import { tomcatSites } from './tomcat-sites.js';

export type ConfiguredServer = 'nginx' | 'apache' | 'tomcat' | 'caddy';

export interface WebServerConfig {
  readonly server: ConfiguredServer;
  readonly main: string;
  readonly sites: readonly WebSiteConfig[];
  readonly warnings: readonly ConfigWarning[];
}

async function exists(view: SystemView, path: string): Promise<boolean> {
  return (await view.stat(path).catch(() => null))?.type === 'file';
}

/** Main configuration files of the running nginx and Apache masters and Tomcat JVMs (live views only). */
async function runningConfigs(view: SystemView, processes: readonly ProcessEntry[]): Promise<{ server: ConfiguredServer; main: string }[]> {
  const found: { server: ConfiguredServer; main: string }[] = [];
  for (const spec of webServers.filter((candidate) => ['nginx', 'apache', 'tomcat', 'caddy'].includes(candidate.name))) {
    const matched = processes.map(serverProcess).filter((process) => spec.matches(process));
    const pids = new Set(matched.map((process) => process.entry.pid));
    for (const root of matched.filter((process) => !pids.has(process.entry.ppid))) {
      const main = await spec.configPath?.(view, root);
      if (main) found.push({ server: spec.name as ConfiguredServer, main });
    }
  }
  return found;
}

export async function readWebServerConfigs(view: SystemView, processes: readonly ProcessEntry[] = []): Promise<WebServerConfig[]> {
  const candidates = [
    ...(await runningConfigs(view, processes)),
    ...NGINX_CONFIGS.map((main) => ({ server: 'nginx' as const, main })),
    ...APACHE_CONFIGS.map((main) => ({ server: 'apache' as const, main })),
    ...CADDY_CONFIGS.map((main) => ({ server: 'caddy' as const, main })),
  ];
  for (const pattern of TOMCAT_CONFIGS) {
    for (const main of await expandInclude(view, pattern)) candidates.push({ server: 'tomcat' as const, main });
  }
  const seen = new Set<string>();
  const configs: WebServerConfig[] = [];
  for (const { server, main } of candidates) {
    if (seen.has(main) || !(await exists(view, main))) continue;
    seen.add(main);
    if (server === 'nginx') {
      const config = await readNginxConfig(view, main);
      if (config) configs.push({ server, main, sites: nginxSites(config.directives), warnings: config.warnings });
    } else if (server === 'caddy') {
      // A JSON configuration (caddy run --config caddy.json) is not a Caddyfile: no sites read from it.
      configs.push({ server, main, ...(main.endsWith('.json') ? { sites: [], warnings: [] } : await readCaddySites(view, main)) });
    } else if (server === 'tomcat') {
      const warnings: ConfigWarning[] = [];
      const text = await readConfigFile(view, main, warnings);
      configs.push({ server, main, sites: text === null ? [] : tomcatSites(text, main), warnings });
    } else {
      const config = await readApacheConfig(view, main, apacheServerRoot(main));
      if (config) configs.push({ server, main, sites: apacheSites(config.directives, main), warnings: config.warnings });
    }
  }
  return configs;
}

/** What reading every web server configuration touches (SystemView needs of the web collectors). */
export const WEB_CONFIG_DIRS = ['/etc/nginx', '/etc/apache2', '/etc/httpd', '/etc/caddy', '/usr/local/nginx/conf', '/usr/local/etc/nginx', '/usr/local/apache2/conf', '/usr/local/tomcat/conf', '/opt/tomcat/conf'];
export const isWebConfigFile = (path: string): boolean => /^\/etc\/tomcat[^/]*\/server\.xml$|\/lib\/catalina\.jar$/.test(path);

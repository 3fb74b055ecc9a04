// `webServices`: web servers (nginx, Apache httpd, Caddy, Tomcat, lighttpd), each with its
// version, main configuration file, ports and process. Running servers come from the process
// table with the ports their processes listen on; servers installed but not running (and every
// server of a root filesystem or image) come from their packages and configuration files, with
// the ports their configuration asks for.
import type { WebService } from '../model/inventory.js';
import { Collected, type Collector } from './collector.js';
import { readListeningSockets } from './proc/listening-sockets.js';
import { readProcessTable, type ProcessEntry } from './proc/process-table.js';
import { InstalledPackages, upstreamVersion } from './servers/installed-packages.js';
import { findRunningServers } from './servers/running-servers.js';
import { tomcatVersion, webServers } from './servers/web-servers.js';
import { WEB_CONFIG_DIRS, isWebConfigFile, readWebServerConfigs } from './web-config/web-server-configs.js';

export const webServicesCollector: Collector<'webServices'> = {
  name: 'web-services',
  kind: 'webServices',
  version: 1,
  liveOnly: false,
  needs: { dirs: [...WEB_CONFIG_DIRS, '/var/lib/dpkg/info'], files: ['/var/lib/dpkg/status', '/lib/apk/db/installed'], match: isWebConfigFile },
  async collect(view) {
    const out = new Collected(this);
    const installed = await InstalledPackages.read(view);
    let processes: readonly ProcessEntry[] = [];
    if (view.live) {
      const table = await readProcessTable(view);
      if (table.notVisible > 0) out.hidden('/proc', `${table.notVisible} processes not visible: web servers they run cannot be seen`);
      processes = table.processes;
      const listening = await readListeningSockets(view);
      for (const server of await findRunningServers(view, webServers, processes, listening.sockets, installed)) {
        const configPath = (await server.spec.configPath?.(view, server.root)) ?? null;
        out.items.push({ server: server.name, version: server.version, configPath, ports: [...server.ports], pid: server.root.entry.pid });
      }
    }
    const running = new Set(out.items.map((item) => `${item.server}\0${item.configPath}`));
    const configured = new Set<string>();
    // Configured but not running: the ports are those the configuration listens on.
    for (const config of await readWebServerConfigs(view, processes)) {
      configured.add(config.server);
      if (running.has(`${config.server}\0${config.main}`)) continue;
      const spec = webServers.find((candidate) => candidate.name === config.server);
      const pkg = spec ? installed.named(spec.packages)[0] : undefined;
      // A Tomcat unpacked from Apache's tarball (/usr/local/tomcat) belongs to no package.
      const unpacked = config.server === 'tomcat' && config.main.endsWith('/conf/server.xml') ? await tomcatVersion(view, config.main.slice(0, -'/conf/server.xml'.length)) : null;
      const row: WebService = {
        server: config.server,
        version: unpacked ?? (pkg ? upstreamVersion(pkg.version, pkg.format) : null),
        configPath: config.main,
        ports: [...new Set(config.sites.flatMap((site) => site.ports))].sort((a, b) => a - b),
        pid: null,
      };
      out.items.push(row);
    }
    // Installed, with neither a running process nor a configuration read above.
    for (const spec of webServers) {
      if (configured.has(spec.name) || out.items.some((item) => item.server === spec.name)) continue;
      const pkg = installed.named(spec.packages)[0];
      if (pkg) out.items.push({ server: spec.name, version: upstreamVersion(pkg.version, pkg.format), configPath: null, ports: [], pid: null });
    }
    return out.output();
  },
};

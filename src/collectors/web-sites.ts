// `webSites`: the sites nginx and Apache httpd are configured to serve, read from their
// configuration files (includes followed inside the view), so a root filesystem or an image
// lists them as well as the live host. On a live host the configurations running servers were
// started with are read too.
import type { WebSite } from '../model/inventory.js';
import { Collected, type Collector } from './collector.js';
import { readProcessTable } from './proc/process-table.js';
import { WEB_CONFIG_DIRS, isWebConfigFile, readWebServerConfigs } from './web-config/web-server-configs.js';

export const webSitesCollector: Collector<'webSites'> = {
  name: 'web-sites',
  kind: 'webSites',
  version: 1,
  liveOnly: false,
  needs: { dirs: WEB_CONFIG_DIRS, match: isWebConfigFile },
  async collect(view) {
    const out = new Collected(this);
    const processes = view.live ? (await readProcessTable(view)).processes : [];
    for (const config of await readWebServerConfigs(view, processes)) {
      for (const warning of config.warnings) out.warn(warning.message, warning.path);
      for (const site of config.sites) {
        const row: WebSite = { server: config.server, ...site, serverNames: [...site.serverNames], ports: [...site.ports] };
        out.items.push(row);
      }
    }
    return out.output();
  },
};

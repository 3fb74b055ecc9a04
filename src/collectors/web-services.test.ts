import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebService } from '../model/inventory.js';
import type { Rootfs } from './rootfs-fixture.js';
import { buildWebRootfs } from './web-config/web-fixture.js';
import { webServicesCollector } from './web-services.js';

let rootfs: Rootfs;
beforeAll(async () => {
  rootfs = await buildWebRootfs();
});
afterAll(() => rootfs.remove());

describe('webServices collector over a root filesystem', () => {
  it('lists configured and installed web servers with package versions and configured ports', async () => {
    const output = await webServicesCollector.collect(rootfs.view, { now: () => new Date() });
    for (const item of output.items) expect(WebService.parse(item)).toEqual(item);
    expect(output.items).toEqual([
      { server: 'nginx', version: '1.22.1', configPath: '/etc/nginx/nginx.conf', ports: [80, 443, 8081, 8443], pid: null },
      { server: 'apache', version: '2.4.62', configPath: '/etc/apache2/apache2.conf', ports: [80, 443], pid: null },
      { server: 'apache', version: '2.4.62', configPath: '/etc/httpd/conf/httpd.conf', ports: [8088, 8089], pid: null },
      { server: 'tomcat', version: '10.1.6', configPath: null, ports: [], pid: null },
    ]);
  });
});

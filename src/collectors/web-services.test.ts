import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needService } from '../../test/support/services.js';
import { WebService } from '../model/inventory.js';
import { HostView } from '../view/host-view.js';
import type { Rootfs } from './rootfs-fixture.js';
import { buildWebRootfs } from './web-config/web-fixture.js';
import { webServicesCollector } from './web-services.js';
import { webSitesCollector } from './web-sites.js';

const context = { now: () => new Date() };

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
      { server: 'caddy', version: null, configPath: '/etc/caddy/Caddyfile', ports: [443, 2015, 8080], pid: null },
      // Apache's tarball layout: the version is catalina.jar's, not the (unrelated) tomcat10 package's.
      { server: 'tomcat', version: '10.1.20', configPath: '/usr/local/tomcat/conf/server.xml', ports: [8009, 8080, 8443], pid: null },
      // Installed, neither running nor configured.
      { server: 'lighttpd', version: '1.4.69', configPath: null, ports: [], pid: null },
    ]);
  });
});

describe('webServices and webSites on the live host', () => {
  it('find a running nginx with the version of dpkg-query, its own configuration and the port it listens on', async (test) => {
    if (!needService('nginx', { available: existsSync(NGINX), reason: `${NGINX} not installed (apt-get install nginx)` })) return test.skip();
    const dir = mkdtempSync(join(tmpdir(), 'palisade-nginx-'));
    const port = await freePort();
    const config = join(dir, 'nginx.conf');
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${dir}/${kind};`).join(' ');
    writeFileSync(
      config,
      `pid ${dir}/nginx.pid; error_log ${dir}/error.log; worker_processes 2; events {}\n` +
        `http { access_log off; ${temp}\n  server { listen 127.0.0.1:${port}; server_name live.palisade.test; root ${dir}/www; }\n}\n`,
    );
    // Its own process group, so the workers can be ended with the master.
    const nginx = spawn(NGINX, ['-c', config, '-g', 'daemon off;'], { stdio: 'ignore', detached: true });
    try {
      await waitForPort(port);
      const view = new HostView();
      const services = await webServicesCollector.collect(view, context);
      const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'nginx'], { encoding: 'utf8' }).replace(/^\d+:/, '').replace(/-[^-]*$/, '');
      expect(services.items).toContainEqual({ server: 'nginx', version, configPath: config, ports: [port], pid: nginx.pid });
      const sites = await webSitesCollector.collect(view, context);
      expect(sites.items).toContainEqual({ server: 'nginx', serverNames: ['live.palisade.test'], ports: [port], documentRoot: `${dir}/www`, upstream: null, tls: false, configPath: config });
    } finally {
      // SIGTERM: the master stops its workers, then exits; the group kill catches any straggler.
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
      try {
        process.kill(-(nginx.pid as number), 'SIGKILL');
      } catch {
        // the whole group is gone already
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const NGINX = '/usr/sbin/nginx';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port}`);
}

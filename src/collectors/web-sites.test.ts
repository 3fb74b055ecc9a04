import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSite } from '../model/inventory.js';
import type { Rootfs } from './rootfs-fixture.js';
import { buildWebRootfs } from './web-config/web-fixture.js';
import { webSitesCollector } from './web-sites.js';

let rootfs: Rootfs;
beforeAll(async () => {
  rootfs = await buildWebRootfs();
});
afterAll(() => rootfs.remove());

describe('webSites collector over a root filesystem', () => {
  it('reads nginx sites through includes and sites-enabled symlinks', async () => {
    const output = await webSitesCollector.collect(rootfs.view, { now: () => new Date() });
    for (const item of output.items) expect(WebSite.parse(item)).toEqual(item);
    const nginx = output.items.filter((item) => item.server === 'nginx');
    expect(nginx).toEqual([
      { server: 'nginx', serverNames: ['broken.example.com'], ports: [8443], documentRoot: null, upstream: null, tls: true, configPath: '/etc/nginx/conf.d/broken.conf' },
      { server: 'nginx', serverNames: ['_'], ports: [80], documentRoot: '/var/www/html', upstream: null, tls: false, configPath: '/etc/nginx/sites-enabled/default' },
      {
        server: 'nginx',
        serverNames: ['shop.example.com', 'www.shop.example.com'],
        ports: [443],
        documentRoot: null,
        upstream: 'http://shop_backend',
        tls: true,
        configPath: '/etc/nginx/sites-enabled/shop',
      },
      { server: 'nginx', serverNames: ['api.internal'], ports: [8081], documentRoot: '/srv/api/public', upstream: 'unix:/run/php/php8.2-fpm.sock', tls: false, configPath: '/etc/nginx/sites-enabled/shop' },
    ]);
  });

  it('reads Apache virtual hosts on Debian and the main server on Red Hat', async () => {
    const output = await webSitesCollector.collect(rootfs.view, { now: () => new Date() });
    expect(output.items.filter((item) => item.server === 'apache')).toEqual([
      { server: 'apache', serverNames: [], ports: [80], documentRoot: '/var/www/html', upstream: null, tls: false, configPath: '/etc/apache2/sites-enabled/000-default.conf' },
      {
        server: 'apache',
        serverNames: ['secure.example.com', 'www.secure.example.com', 'secure.example.org'],
        ports: [443],
        documentRoot: '/var/www/secure root',
        upstream: 'http://127.0.0.1:3000/',
        tls: true,
        configPath: '/etc/apache2/sites-enabled/default-ssl.conf',
      },
      { server: 'apache', serverNames: ['rhel.example.com'], ports: [8088], documentRoot: '/var/www/rhel', upstream: null, tls: false, configPath: '/etc/httpd/conf/httpd.conf' },
      { server: 'apache', serverNames: ['half.example.com'], ports: [8089], documentRoot: null, upstream: null, tls: false, configPath: '/etc/httpd/conf.d/unclosed.conf' },
    ]);
  });

  it('reads the hosts of a Tomcat server.xml, on the ports of its connectors', async () => {
    const output = await webSitesCollector.collect(rootfs.view, { now: () => new Date() });
    const config = '/usr/local/tomcat/conf/server.xml';
    expect(output.items.filter((item) => item.server === 'tomcat')).toEqual([
      { server: 'tomcat', serverNames: ['localhost', 'www.localhost'], ports: [8009, 8080, 8443], documentRoot: '/usr/local/tomcat/webapps', upstream: null, tls: true, configPath: config },
      { server: 'tomcat', serverNames: ['static.example.com'], ports: [8009, 8080, 8443], documentRoot: '/srv/static-apps', upstream: null, tls: true, configPath: config },
    ]);
  });

  it('reads Caddyfile sites, imports followed, snippets and global options left out', async () => {
    const output = await webSitesCollector.collect(rootfs.view, { now: () => new Date() });
    expect(output.items.filter((item) => item.server === 'caddy')).toEqual([
      { server: 'caddy', serverNames: ['example.com', 'www.example.com'], ports: [443], documentRoot: '/var/www/example', upstream: null, tls: true, configPath: '/etc/caddy/Caddyfile' },
      { server: 'caddy', serverNames: ['intranet.local'], ports: [8080], documentRoot: null, upstream: '127.0.0.1:9000', tls: false, configPath: '/etc/caddy/Caddyfile' },
      { server: 'caddy', serverNames: [], ports: [2015], documentRoot: null, upstream: null, tls: false, configPath: '/etc/caddy/Caddyfile' },
      { server: 'caddy', serverNames: ['app.example.com'], ports: [443], documentRoot: null, upstream: 'app-backend:3000', tls: true, configPath: '/etc/caddy/sites/app.caddy' },
    ]);
  });

  it('warns about broken, cyclic and binary configuration files and goes on', async () => {
    const output = await webSitesCollector.collect(rootfs.view, { now: () => new Date() });
    expect(output.warnings).toEqual([
      { source: 'web-sites', path: '/etc/nginx/conf.d/broken.conf', message: 'unexpected end of file (missing ";" or "}")' },
      { source: 'web-sites', path: '/etc/nginx/conf.d/cycle.conf', message: expect.stringContaining('include cycle') },
      { source: 'web-sites', path: '/etc/nginx/conf.d/garbage.conf', message: expect.stringContaining('binary content') },
      { source: 'web-sites', path: '/etc/httpd/conf.d/unclosed.conf', message: 'line 1: <virtualhost> is never closed' },
    ]);
  });
});

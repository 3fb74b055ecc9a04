// A root filesystem with one project of each kind, built here: Node (node_modules), Python
// (a virtualenv and Debian's dist-packages), PHP (composer.lock, WordPress), Ruby
// (Gemfile.lock) and Java (a Spring Boot fat jar and a war made with Info-ZIP's `zip`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebFramework } from '../model/inventory.js';
import { buildRootfs, type Rootfs } from './rootfs-fixture.js';
import { webFrameworksCollector } from './web-frameworks.js';

let work: string;
let rootfs: Rootfs;

function zip(files: Record<string, string | Buffer>, stored: string[] = []): Buffer {
  const staging = mkdtempSync(join(work, 'staging-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(staging, name)), { recursive: true });
    writeFileSync(join(staging, name), content);
  }
  const deflated = Object.keys(files).filter((name) => !stored.includes(name));
  if (deflated.length > 0) execFileSync('zip', ['-q', '-X', 'out.zip', ...deflated], { cwd: staging });
  if (stored.length > 0) execFileSync('zip', ['-q', '-X', '-0', 'out.zip', ...stored], { cwd: staging });
  const bytes = readFileSync(join(staging, 'out.zip'));
  rmSync(staging, { recursive: true });
  return bytes;
}

const GEMFILE_LOCK = `GEM
  remote: https://rubygems.org/
  specs:
    actionpack (7.1.2)
      rack (>= 2.2.4)
    rails (7.1.2)
      actionpack (= 7.1.2)
      railties (= 7.1.2)
    sinatra (3.1.0)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  rails (~> 7.1.2)
`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-frameworks-'));
  const library = zip({ 'org/springframework/web/servlet/DispatcherServlet.class': 'x' });
  rootfs = await buildRootfs({
    '/srv/shop/package.json': '{"name":"shop","dependencies":{"express":"^4.18.2"}}',
    '/srv/shop/node_modules/express/package.json': '{"name":"express","version":"4.18.2"}',
    '/srv/shop/node_modules/express/lib/express.js': 'module.exports = {};',
    '/srv/shop/node_modules/@nestjs/core/package.json': '{"name":"@nestjs/core","version":"10.3.0"}',
    '/srv/shop/node_modules/lodash/package.json': '{"name":"lodash","version":"4.17.21"}',
    '/srv/shop/node_modules/some-lib/node_modules/koa/package.json': '{"name":"koa","version":"2.0.0"}',
    '/srv/broken/node_modules/fastify/package.json': '{"name": "fastify", "version": ',
    // pnpm's layout: the package sits in the store and node_modules links to it.
    '/srv/pnpm-app/node_modules/.pnpm/koa@2.15.0/node_modules/koa/package.json': '{"name":"koa","version":"2.15.0"}',
    '/srv/pnpm-app/node_modules/koa': { symlink: '.pnpm/koa@2.15.0/node_modules/koa' },
    '/opt/venv/lib/python3.11/site-packages/Flask-3.0.0.dist-info/METADATA': 'Metadata-Version: 2.1\nName: Flask\nVersion: 3.0.0\n',
    '/opt/venv/lib/python3.11/site-packages/flask/__init__.py': '',
    '/opt/venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA': 'Name: requests\n',
    '/usr/lib/python3/dist-packages/Django-3.2.19.egg-info/PKG-INFO': 'Name: Django\nVersion: 3.2.19\n',
    '/usr/lib/python3/dist-packages/tornado-6.2.egg-info': 'Name: tornado\nVersion: 6.2\n',
    '/var/www/blog/wp-includes/version.php': "<?php\n/**\n * WordPress Version\n */\n$wp_version = '6.4.2';\n$wp_db_version = 56657;\n",
    '/var/www/app/composer.lock': JSON.stringify({ packages: [{ name: 'laravel/framework', version: 'v10.48.4' }, { name: 'monolog/monolog', version: '3.5.0' }] }),
    '/srv/rails-app/Gemfile.lock': GEMFILE_LOCK,
    '/opt/shop/shop.jar': zip(
      {
        'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\nMain-Class: org.springframework.boot.loader.launch.JarLauncher\r\nSpring-Boot-Version: 3.2.5\r\n\r\n',
        'BOOT-INF/lib/spring-webmvc-6.1.6.jar': library,
        'BOOT-INF/lib/spring-boot-3.2.5.jar': library,
      },
      ['BOOT-INF/lib/spring-webmvc-6.1.6.jar', 'BOOT-INF/lib/spring-boot-3.2.5.jar'],
    ),
    '/opt/legacy/app.war': zip({ 'WEB-INF/web.xml': '<web-app/>', 'WEB-INF/lib/struts2-core-2.5.30.jar': library }),
    '/opt/lib/spring-boot-2.7.18.jar': library,
    '/root/.m2/repository/org/springframework/boot/spring-boot/3.1.0/spring-boot-3.1.0.jar': library,
    '/opt/bad.war': 'not a zip',
  });
});
afterAll(async () => {
  await rootfs.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('webFrameworks collector over a root filesystem', () => {
  it('finds each framework with its version, place and evidence', async () => {
    const output = await webFrameworksCollector.collect(rootfs.view, { now: () => new Date() });
    for (const item of output.items) expect(WebFramework.parse(item)).toEqual(item);
    const rows = output.items.map((item) => `${item.framework} ${item.version} ${item.path} <- ${item.evidence}`).sort();
    expect(rows).toEqual(
      [
        'Django 3.2.19 /usr/lib/python3/dist-packages <- /usr/lib/python3/dist-packages/Django-3.2.19.egg-info',
        'Express 4.18.2 /srv/shop <- /srv/shop/node_modules/express/package.json',
        'Fastify null /srv/broken <- /srv/broken/node_modules/fastify/package.json',
        'Flask 3.0.0 /opt/venv/lib/python3.11/site-packages <- /opt/venv/lib/python3.11/site-packages/Flask-3.0.0.dist-info',
        'Koa 2.15.0 /srv/pnpm-app <- /srv/pnpm-app/node_modules/koa/package.json',
        'Laravel 10.48.4 /var/www/app <- /var/www/app/composer.lock: laravel/framework 10.48.4',
        'NestJS 10.3.0 /srv/shop <- /srv/shop/node_modules/@nestjs/core/package.json',
        'Rails 7.1.2 /srv/rails-app <- /srv/rails-app/Gemfile.lock: rails 7.1.2',
        'Sinatra 3.1.0 /srv/rails-app <- /srv/rails-app/Gemfile.lock: sinatra 3.1.0',
        'Spring Boot 2.7.18 /opt/lib/spring-boot-2.7.18.jar <- spring-boot-2.7.18.jar',
        'Spring Boot 3.2.5 /opt/shop/shop.jar <- META-INF/MANIFEST.MF Spring-Boot-Version: 3.2.5',
        'Spring MVC 6.1.6 /opt/shop/shop.jar <- BOOT-INF/lib/spring-webmvc-6.1.6.jar',
        'Struts 2 2.5.30 /opt/legacy/app.war <- WEB-INF/lib/struts2-core-2.5.30.jar',
        'Tornado 6.2 /usr/lib/python3/dist-packages <- /usr/lib/python3/dist-packages/tornado-6.2.egg-info',
        'WordPress 6.4.2 /var/www/blog <- /var/www/blog/wp-includes/version.php',
      ].sort(),
    );
    expect(output.warnings).toEqual([{ source: 'web-frameworks', path: '/opt/bad.war', message: expect.stringContaining('not a zip archive') }]);
  });
});

// A root filesystem built here with each ecosystem's files as its package manager leaves them
// (npm's node_modules and lock files, Python's dist-info and egg-info, a Go program's build
// information, a Cargo.lock and a cargo-auditable program, RubyGems' specifications), broken ones
// beside them (truncated JSON, binary garbage, metadata without headers, cut build information),
// and copies in places the walk must not enter (/proc, documentation, .git). The same tree as an
// image gives the same rows (one code path, DESIGN.md).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanImage } from '../image/image-scan.js';
import { buildImage, writeOciLayout } from '../image/image-writer.js';
import { factKey } from '../engines/inventory/fact-identity.js';
import { LanguagePackage } from '../model/inventory.js';
import { SharedDiskWalk } from './disk-walk/disk-walk.js';
import { cargoAuditableSection, elfWithSections, goBuildInfoSection } from './language/elf-fixture.js';
import { languagePackagesCollector } from './language-packages.js';
import { buildRootfs, type Rootfs } from './rootfs-fixture.js';

const json = (value: unknown) => JSON.stringify(value, null, 2);
/** Programs are looked at from 256 KiB on: pad the hand-made ones to a program's size. */
const program = (elf: Buffer) => ({ content: Buffer.concat([elf, Buffer.alloc(300 * 1024)]), mode: 0o755 });
const SITE = '/opt/venv/lib/python3.11/site-packages';
const DIST = '/usr/lib/python3/dist-packages';

const GO_PROGRAM = goBuildInfoSection('go1.22.5', [
  'path\texample.com/tool/cmd/tool',
  'mod\texample.com/tool\tv1.4.0\th1:abc=',
  'dep\tgolang.org/x/crypto\tv0.16.0\th1:def=',
  'dep\tgithub.com/old/fork\tv1.0.0\th1:ghi=',
  '=>\tgithub.com/new/fork\tv1.0.1\th1:jkl=',
  'build\t-compiler=gc',
]);

const PACKAGE_LOCK_V3 = json({
  name: 'api',
  lockfileVersion: 3,
  packages: {
    '': { name: 'api', version: '1.0.0' },
    'node_modules/lodash': { version: '4.17.20' },
    'node_modules/@scope/util': { version: '2.0.0' },
    'node_modules/lodash/node_modules/minimist': { version: '1.2.5' },
    'node_modules/minimist': { version: '1.2.8' },
    'node_modules/local-lib': { resolved: 'packages/local-lib', link: true },
  },
});

const PACKAGE_LOCK_V1 = json({ name: 'old', lockfileVersion: 1, dependencies: { qs: { version: '6.5.2', dependencies: { 'side-channel': { version: '1.0.4' } } } } });

const CARGO_LOCK = `version = 3

[[package]]
name = "app"
version = "0.1.0"

[[package]]
name = "serde"
version = "1.0.190"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "91d3c334ca1ee894a2c6f6ad698fe8c435b76d504b13d436f0685d648d6d96f7"

[[package]]
name = "syn"
version = "1.0.109"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "syn"
version = "2.0.39"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tokio"
version = "1.34.0"
source = "sparse+https://index.crates.io/"

[[package]]
name = "forked"
version = "0.2.0"
source = "git+https://example.com/forked.git#abc"
`;

const gemspec = (name: string, version: string) => `# -*- encoding: utf-8 -*-
# stub: ${name} ${version} ruby lib

Gem::Specification.new do |s|
  s.name = "${name}".freeze
  s.version = "${version}"
  s.require_paths = ["lib".freeze]
end
`;

let rootfs: Rootfs;

beforeAll(async () => {
  rootfs = await buildRootfs({
    // npm: packages, a scoped one, a nested one; npm's own dot directories and a pnpm link are not packages.
    '/srv/web/package.json': json({ name: 'web', version: '1.0.0', dependencies: { express: '^4' } }),
    '/srv/web/package-lock.json': PACKAGE_LOCK_V3, // node_modules is there: the lock file is not read
    '/srv/web/node_modules/express/package.json': json({ name: 'express', version: '4.18.2' }),
    '/srv/web/node_modules/express/node_modules/debug/package.json': json({ name: 'debug', version: '2.6.9' }),
    '/srv/web/node_modules/@babel/core/package.json': json({ name: '@babel/core', version: '7.23.0' }),
    '/srv/web/node_modules/.bin/express': { symlink: '../express/bin/express' },
    '/srv/web/node_modules/.cache/x/package.json': json({ name: 'cache', version: '0.0.0' }),
    '/srv/web/node_modules/linked': { symlink: '../../shared/linked' },
    '/srv/web/node_modules/truncated/package.json': '{"name": "truncated", "vers',
    '/srv/web/node_modules/garbage/package.json': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff]),
    '/srv/web/node_modules/no-manifest/index.js': 'module.exports = 1;\n',
    '/srv/api/package-lock.json': PACKAGE_LOCK_V3,
    '/srv/old/package-lock.json': PACKAGE_LOCK_V1,
    '/srv/broken/package-lock.json': '{"lockfileVersion": 3, "packages": {',
    // Python: a virtualenv's dist-info, Debian's egg-info directory and single-file egg-info.
    [`${SITE}/Flask-3.0.0.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: Flask\nVersion: 3.0.0\nSummary: A micro framework\n\nVersion: 9.9.9 in the description is not a header\n',
    [`${SITE}/flask/__init__.py`]: '',
    [`${SITE}/nometa-1.0.dist-info/RECORD`]: '',
    [`${SITE}/headless-1.0.dist-info/METADATA`]: 'this is not core metadata\n',
    [`${DIST}/Jinja2-3.1.2.egg-info/PKG-INFO`]: 'Metadata-Version: 1.2\nName: Jinja2\nVersion: 3.1.2\n',
    [`${DIST}/six-1.16.0.egg-info`]: 'Metadata-Version: 1.1\r\nName: six\r\nVersion: 1.16.0\r\n',
    // Go and Rust programs, and executables that are not (a script, random bytes, cut build information).
    '/usr/local/bin/tool': program(elfWithSections({ '.text': Buffer.alloc(64), '.go.buildinfo': GO_PROGRAM })),
    '/usr/local/bin/rusty': program(elfWithSections({ '.dep-v0': cargoAuditableSection([
      { name: 'rusty', version: '0.1.0', source: 'local' },
      { name: 'regex', version: '1.10.2', source: 'crates.io' },
      { name: 'cc', version: '1.0.83', source: 'crates.io', kind: 'build' },
    ]) })),
    '/usr/local/bin/cut-go': program(elfWithSections({ '.go.buildinfo': GO_PROGRAM.subarray(0, 40) })),
    '/usr/local/bin/noise': { content: Buffer.alloc(300 * 1024, 0xa5), mode: 0o755 },
    '/usr/local/bin/script': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
    '/srv/rust/Cargo.lock': CARGO_LOCK,
    // RubyGems: a platform gem's name is read from the specification, not guessed from the file name.
    '/var/lib/gems/3.1.0/specifications/rack-2.2.8.gemspec': gemspec('rack', '2.2.8'),
    '/var/lib/gems/3.1.0/specifications/nokogiri-1.15.4-x86_64-linux.gemspec': gemspec('nokogiri', '1.15.4'),
    '/var/lib/gems/3.1.0/specifications/broken-1.0.gemspec': Buffer.from([0, 1, 2, 3]),
    // Places the walk leaves out: kernel file systems, documentation trees, version-control objects.
    '/proc/1/root/node_modules/ghost/package.json': json({ name: 'ghost', version: '1.0.0' }),
    '/usr/share/doc/node/node_modules/ghost/package.json': json({ name: 'ghost', version: '1.0.0' }),
    '/srv/web/.git/node_modules/ghost/package.json': json({ name: 'ghost', version: '1.0.0' }),
  });
});

afterAll(async () => {
  await rootfs?.remove();
});

describe('languagePackages collector', () => {
  it('lists each ecosystem’s packages where its package manager leaves them', async () => {
    const output = await languagePackagesCollector.collect(rootfs.view, { now: () => new Date() });
    for (const item of output.items) expect(() => LanguagePackage.parse(item)).not.toThrow();
    const seen = output.items.map((item) => `${item.ecosystem} ${item.name} ${item.version} ${item.path}`).sort();
    expect(seen).toEqual([
      'Go example.com/tool v1.4.0 /usr/local/bin/tool',
      'Go github.com/new/fork v1.0.1 /usr/local/bin/tool', // the replacement is what was compiled in
      'Go golang.org/x/crypto v0.16.0 /usr/local/bin/tool',
      'Go stdlib 1.22.5 /usr/local/bin/tool',
      `PyPI Flask 3.0.0 ${SITE}/Flask-3.0.0.dist-info`,
      `PyPI Jinja2 3.1.2 ${DIST}/Jinja2-3.1.2.egg-info`,
      `PyPI six 1.16.0 ${DIST}/six-1.16.0.egg-info`,
      'RubyGems nokogiri 1.15.4 /var/lib/gems/3.1.0/specifications/nokogiri-1.15.4-x86_64-linux.gemspec',
      'RubyGems rack 2.2.8 /var/lib/gems/3.1.0/specifications/rack-2.2.8.gemspec',
      'crates.io regex 1.10.2 /usr/local/bin/rusty',
      'crates.io serde 1.0.190 /srv/rust/Cargo.lock',
      'crates.io syn 1.0.109 /srv/rust/Cargo.lock',
      'crates.io syn 2.0.39 /srv/rust/Cargo.lock',
      'crates.io tokio 1.34.0 /srv/rust/Cargo.lock',
      'npm @babel/core 7.23.0 /srv/web/node_modules/@babel/core',
      'npm @scope/util 2.0.0 /srv/api/package-lock.json',
      'npm debug 2.6.9 /srv/web/node_modules/express/node_modules/debug',
      'npm express 4.18.2 /srv/web/node_modules/express',
      'npm lodash 4.17.20 /srv/api/package-lock.json',
      'npm minimist 1.2.5 /srv/api/package-lock.json',
      'npm minimist 1.2.8 /srv/api/package-lock.json',
      'npm qs 6.5.2 /srv/old/package-lock.json',
      'npm side-channel 1.0.4 /srv/old/package-lock.json',
    ]);
    // Each row is its own fact for the server, also a package a lock file pins twice.
    expect(new Set(output.items.map((item) => factKey('languagePackages', item))).size).toBe(output.items.length);
    expect(output.items.filter((item) => item.name === 'minimist').map((item) => item.evidence).sort()).toEqual([
      '/srv/api/package-lock.json: node_modules/lodash/node_modules/minimist',
      '/srv/api/package-lock.json: node_modules/minimist',
    ]);
    expect(output.items.find((item) => item.name === 'express')?.evidence).toBe('/srv/web/node_modules/express/package.json');
    expect(output.items.find((item) => item.name === 'Flask')?.evidence).toBe(`${SITE}/Flask-3.0.0.dist-info/METADATA`);
  });

  it('turns broken files into warnings naming them, and lists the rest', async () => {
    const output = await languagePackagesCollector.collect(rootfs.view, { now: () => new Date() });
    const warned = output.warnings.map((warning) => `${warning.path}: ${warning.message.split(':')[0]}`).sort();
    expect(warned).toEqual([
      `${SITE}/headless-1.0.dist-info/METADATA: metadata without Name and Version headers`,
      '/srv/broken/package-lock.json: not valid JSON',
      '/srv/web/node_modules/garbage/package.json: binary content where text was expected',
      '/srv/web/node_modules/truncated/package.json: not valid JSON',
      '/usr/local/bin/cut-go: build information truncated',
      '/var/lib/gems/3.1.0/specifications/broken-1.0.gemspec: binary content where text was expected',
    ]);
    expect(output.warnings.every((warning) => warning.source === 'language-packages')).toBe(true);
  });

  it('gives an image of the same tree the same rows and warnings', async () => {
    const fromDir = await languagePackagesCollector.collect(rootfs.view, { now: () => new Date() });
    const layer = execFileSync('tar', ['-C', rootfs.dir, '--exclude=./layout', '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
    const layout = join(rootfs.dir, 'layout');
    await writeOciLayout(layout, buildImage({ layers: [layer] }));
    const scanned = await scanImage({ input: layout, scanners: ['inventory'], options: {}, now: () => new Date() });
    expect(scanned.report.inventory?.languagePackages).toEqual(fromDir.items);
    const warned = (warnings: readonly { source: string; path?: string }[]) => warnings.filter((w) => w.source === 'language-packages').map((w) => w.path);
    expect(warned(scanned.report.warnings)).toEqual(warned(fromDir.warnings));
  });

  it('shares one walk of the disk between the collectors of a run', async () => {
    const disk = new SharedDiskWalk(rootfs.view);
    const first = await disk.findings();
    expect(await disk.findings()).toBe(first);
    // A walk shared with another view is not used: each view is walked for itself.
    const other = await buildRootfs({ '/app/node_modules/left-pad/package.json': json({ name: 'left-pad', version: '1.3.0' }) });
    try {
      const output = await languagePackagesCollector.collect(other.view, { now: () => new Date(), disk });
      expect(output.items.map((item) => item.name)).toEqual(['left-pad']);
    } finally {
      await other.remove();
    }
  });
});

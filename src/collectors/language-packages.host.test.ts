// The languagePackages collector on this machine, against what the ecosystems' own tools say is
// installed: npm's `npm ls --all --parseable --long` for this project's node_modules, and the
// system Python's importlib.metadata for the distributions on its sys.path. The walk covers the
// whole host, so both are part of what it lists.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LanguagePackage } from '../model/inventory.js';
import { needService } from '../../test/support/services.js';
import { HostView } from '../view/host-view.js';
import { languagePackagesCollector } from './language-packages.js';

const PROJECT = process.cwd();
const SYSTEM_PYTHON = '/usr/bin/python3';

let items: readonly LanguagePackage[];

beforeAll(async () => {
  items = (await languagePackagesCollector.collect(new HostView(), { now: () => new Date() })).items;
}, 120_000);

/** PEP 503: names compare lower-cased with runs of "-", "_" and "." as one "-". */
const normalized = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

describe('languagePackages on this host', () => {
  it('lists this project’s node_modules as npm ls does', () => {
    // "/work/main/node_modules/@fastify/cookie:@fastify/cookie@11.1.5"; the first line is the project itself.
    const listed = execFileSync('npm', ['ls', '--all', '--parseable', '--long'], { cwd: PROJECT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\n')
      .filter((line) => line.startsWith(`${PROJECT}/node_modules/`))
      .map((line) => line.replace(/:(.+)@([^@:]+)(:.*)?$/, ' $1 $2'));
    const collected = items.filter((item) => item.ecosystem === 'npm' && item.path.startsWith(`${PROJECT}/node_modules/`)).map((item) => `${item.path} ${item.name} ${item.version}`);
    expect(listed.length).toBeGreaterThan(50);
    expect([...new Set(collected)].sort()).toEqual([...new Set(listed)].sort());
  });

  it('lists the system Python’s distributions as importlib.metadata does', (context) => {
    if (!needService('the system Python', { available: existsSync(SYSTEM_PYTHON), reason: `${SYSTEM_PYTHON} is not installed` })) return context.skip();
    const script = [
      'import importlib.metadata as m, json, sys',
      'dirs = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]',
      'print(json.dumps({"dirs": dirs, "dists": [[d.metadata["Name"], d.version, str(d._path)] for d in m.distributions(path=dirs)]}))',
    ].join('\n');
    const answer = JSON.parse(execFileSync(SYSTEM_PYTHON, ['-c', script], { cwd: '/', encoding: 'utf8' })) as { dirs: string[]; dists: [string, string, string][] };
    const listed = answer.dists.map(([name, version, path]) => `${path} ${normalized(name)} ${version}`);
    const inDirs = (path: string) => answer.dirs.some((dir) => path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/'));
    const collected = items.filter((item) => item.ecosystem === 'PyPI' && inDirs(item.path)).map((item) => `${item.path} ${normalized(item.name)} ${item.version}`);
    // python3-six (.ci/install-debian-packages) is one of them at least.
    expect(listed.some((line) => line.includes(' six '))).toBe(true);
    expect(collected.sort()).toEqual(listed.sort());
  });
});

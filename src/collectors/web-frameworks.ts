// `webFrameworks`: web application frameworks installed or deployed in the view, each with its
// version, where it is (the project, the site-packages directory, the archive) and the file that
// gave it away. One walk of the tree: dependency directories (node_modules, site-packages) are
// looked at one level deep and never descended into, lock files and archives are read.
import type { WebFramework } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { frameworksInArchive, type FrameworkHit } from './frameworks/jar-frameworks.js';
import { InspectionCache } from './jar/inspection-cache.js';
import { JAVA_FRAMEWORKS, NODE_FRAMEWORKS, PHP_FRAMEWORKS, PYTHON_FRAMEWORKS, RUBY_FRAMEWORKS, normalizePythonName } from './frameworks/known-frameworks.js';
import { composerLockPins, gemfileLockPins, packageJsonVersion, pythonDistribution } from './frameworks/lockfiles.js';
import { coordinatesFromFileName } from './jar/manifest.js';
import { readBytesSafely, readTextSafely } from './read-safely.js';

const SKIPPED_DIRS = new Set(['/proc', '/sys', '/dev', '/run', '/var/lib/docker', '/var/lib/containerd', '/var/lib/containers']);
const SKIPPED_NAMES = new Set(['.git', '__pycache__']);
const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
const ARCHIVE = /\.(jar|war|ear)$/i;
// Build tools' download caches hold libraries, not deployed applications.
const BUILD_CACHE = /\/\.m2\/repository\/|\/\.gradle\/caches\//;

/** What each archive held, by identity: unchanged archives are not read again (jar/inspection-cache.ts). */
const archiveHits = new InspectionCache<FrameworkHit[] | { error: string }>();

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

interface Found {
  readonly nodePackages: string[];
  readonly pythonDistributions: string[];
  readonly files: string[];
}

/** Decides, for each directory the walk meets, whether to enter it, noting dependency directories on the way. */
function directoryFilter(found: Found): (path: string) => boolean {
  return (path) => {
    if (SKIPPED_DIRS.has(path) || SKIPPED_NAMES.has(baseOf(path))) return true;
    const parent = baseOf(parentOf(path));
    const name = baseOf(path);
    if (parent === 'node_modules' || (parent.startsWith('@') && baseOf(parentOf(parentOf(path))) === 'node_modules')) {
      if (name.startsWith('@') && parent === 'node_modules') return false; // a scope: its packages are one level down
      found.nodePackages.push(path);
      return true;
    }
    if (parent === 'site-packages' || parent === 'dist-packages') {
      found.pythonDistributions.push(path);
      return true;
    }
    return false;
  };
}

function add(out: Collected<'webFrameworks'>, row: WebFramework): void {
  if (!out.items.some((item) => item.framework === row.framework && item.path === row.path && item.version === row.version)) out.items.push(row);
}

async function fromNodePackage(view: SystemView, dir: string, out: Collected<'webFrameworks'>): Promise<void> {
  const modules = dir.slice(0, dir.lastIndexOf('/node_modules/') + '/node_modules'.length);
  const framework = NODE_FRAMEWORKS.get(dir.slice(modules.length + 1));
  if (!framework) return;
  const manifest = `${dir}/package.json`;
  const text = await readTextSafely(view, manifest, out, 1024 * 1024);
  if (text === null) return;
  add(out, { framework, version: packageJsonVersion(text), path: parentOf(modules), evidence: manifest });
}

function fromPythonDistribution(path: string, out: Collected<'webFrameworks'>): void {
  const distribution = pythonDistribution(baseOf(path));
  const framework = distribution ? PYTHON_FRAMEWORKS.get(normalizePythonName(distribution.name)) : undefined;
  if (distribution && framework) add(out, { framework, version: distribution.version, path: parentOf(path), evidence: path });
}

async function fromFile(view: SystemView, path: string, out: Collected<'webFrameworks'>): Promise<void> {
  const name = baseOf(path);
  if (name === 'Gemfile.lock' || name === 'composer.lock') {
    const text = await readTextSafely(view, path, out, 16 * 1024 * 1024);
    if (text === null) return;
    const [pins, known] = name === 'Gemfile.lock' ? [gemfileLockPins(text), RUBY_FRAMEWORKS] : [composerLockPins(text), PHP_FRAMEWORKS];
    for (const pin of pins) {
      const framework = known.get(pin.name);
      if (framework) add(out, { framework, version: pin.version, path: parentOf(path), evidence: `${path}: ${pin.name} ${pin.version}` });
    }
  } else if (path.endsWith('/wp-includes/version.php')) {
    const text = await readTextSafely(view, path, out, 1024 * 1024);
    const version = text === null ? undefined : /\$wp_version\s*=\s*'([^']+)'/.exec(text)?.[1];
    if (version) add(out, { framework: 'WordPress', version, path: parentOf(parentOf(path)), evidence: path });
  } else if (ARCHIVE.test(name) && !BUILD_CACHE.test(path)) {
    const library = coordinatesFromFileName(name);
    const framework = library?.artifactId ? JAVA_FRAMEWORKS.get(library.artifactId) : undefined;
    if (framework) add(out, { framework, version: library?.version ?? null, path, evidence: name });
    const stat = await view.stat(path).catch(() => null);
    let hits = stat ? archiveHits.get(view, stat) : undefined;
    if (!hits) {
      const bytes = await readBytesSafely(view, path, out, MAX_ARCHIVE_BYTES);
      if (bytes === null) return;
      try {
        hits = frameworksInArchive(bytes);
      } catch (error) {
        hits = { error: `archive not read: ${(error as Error).message}` };
      }
      if (stat) archiveHits.set(view, stat, hits);
    }
    if ('error' in hits) out.warn(hits.error, path);
    else for (const hit of hits) add(out, { ...hit, path });
  }
}

export const webFrameworksCollector: Collector<'webFrameworks'> = {
  name: 'web-frameworks',
  kind: 'webFrameworks',
  version: 1,
  liveOnly: false,
  needs: {
    match: (path) =>
      /\/(Gemfile|composer)\.lock$|\/wp-includes\/version\.php$|\/node_modules\/(@[^/]+\/)?[^/]+\/package\.json$|\.(jar|war|ear)$/i.test(path) ||
      /\/(site|dist)-packages\/[^/]+\.(dist|egg)-info(\/|$)/.test(path),
  },
  async collect(view) {
    const out = new Collected(this);
    const found: Found = { nodePackages: [], pythonDistributions: [], files: [] };
    const interesting = (path: string) => /\/(Gemfile\.lock|composer\.lock|version\.php|[^/]+\.(jar|war|ear|egg-info))$|\/node_modules\/(@[^/]+\/)?[^/]+$/i.test(path);
    for await (const entry of view.walk('/', { skipDir: directoryFilter(found), fileFilter: interesting })) {
      // pnpm links each dependency into node_modules (node_modules/express -> .pnpm/express@4.18.2/…).
      if (entry.type === 'symlink' && /\/node_modules\/(@[^/]+\/)?[^/]+$/.test(entry.path)) found.nodePackages.push(entry.path);
      if (entry.type !== 'file') continue;
      const parent = baseOf(parentOf(entry.path));
      // An old-style distribution is a single ".egg-info" file, not a directory.
      if ((parent === 'site-packages' || parent === 'dist-packages') && entry.path.endsWith('.egg-info')) found.pythonDistributions.push(entry.path);
      else if (/^(Gemfile\.lock|composer\.lock|version\.php)$|\.(jar|war|ear)$/i.test(baseOf(entry.path))) found.files.push(entry.path);
    }
    for (const dir of found.nodePackages) await fromNodePackage(view, dir, out);
    for (const path of found.pythonDistributions) fromPythonDistribution(path, out);
    for (const path of found.files) await fromFile(view, path, out);
    return out.output();
  },
};

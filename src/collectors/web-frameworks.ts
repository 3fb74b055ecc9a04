// `webFrameworks`: web application frameworks installed or deployed in the view, each with its
// version, where it is (the project, the site-packages directory, the archive) and the file that
// gave it away. From the run's one walk of the disk (disk-walk/): dependency directories
// (node_modules, site-packages) are looked at one level deep, what lies inside a dependency is
// not the application's, and lock files and archives are read.
import type { WebFramework } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { frameworksInArchive, type FrameworkHit } from './frameworks/jar-frameworks.js';
import { zipParts } from './jar/zip-parts.js';
import { JAVA_FRAMEWORKS, NODE_FRAMEWORKS, PHP_FRAMEWORKS, PYTHON_FRAMEWORKS, RUBY_FRAMEWORKS, normalizePythonName } from './frameworks/known-frameworks.js';
import { composerLockPins, gemfileLockPins, packageJsonVersion, pythonDistribution } from './frameworks/lockfiles.js';
import { coordinatesFromFileName } from './jar/manifest.js';
import { diskFindings, keptResults } from './disk-walk/disk-walk.js';
import type { FileResults } from './disk-walk/file-results.js';
import { readBytesSafely, readTextSafely } from './read-safely.js';

const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
const ARCHIVE = /\.(jar|war|ear)$/i;
// Build tools' download caches hold libraries, not deployed applications.
const BUILD_CACHE = /\/\.m2\/repository\/|\/\.gradle\/caches\//;

/** Where an agent keeps what each archive held between ticks (disk-walk/file-results.ts); bump with the collector. */
const RESULTS = 'web-frameworks@1';

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Whether `path` lies inside a dependency (below node_modules/x or site-packages/x): a
 * dependency's own dependencies and files are not the application's frameworks.
 */
export function belowDependency(path: string): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length - 1; i++) {
    const parent = parts[i - 1] ?? '';
    const name = parts[i] ?? '';
    if (parent === 'site-packages' || parent === 'dist-packages') return true;
    if (parent === 'node_modules' && !name.startsWith('@')) return true;
    if (parent.startsWith('@') && parts[i - 2] === 'node_modules') return true;
  }
  return false;
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

async function fromFile(view: SystemView, path: string, out: Collected<'webFrameworks'>, kept: FileResults | undefined): Promise<void> {
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
    let hits = stat ? kept?.get<FrameworkHit[] | { error: string }>(RESULTS, stat) : undefined;
    if (!hits) {
      const bytes = stat && stat.size <= MAX_ARCHIVE_BYTES ? await zipParts(view, path, stat.size, (name) => name === 'META-INF/MANIFEST.MF', () => readBytesSafely(view, path, out, MAX_ARCHIVE_BYTES)) : await readBytesSafely(view, path, out, MAX_ARCHIVE_BYTES);
      if (bytes === null) return;
      try {
        hits = frameworksInArchive(bytes);
      } catch (error) {
        hits = { error: `archive not read: ${(error as Error).message}` };
      }
      if (stat) kept?.set(RESULTS, stat, hits);
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
  async collect(view, context) {
    const out = new Collected(this);
    const disk = await diskFindings(view, context.disk);
    for (const entry of disk.nodePackages) if (!belowDependency(entry.path)) await fromNodePackage(view, entry.path, out);
    for (const entry of disk.pythonEntries) {
      // An old-style distribution is a single ".egg-info" file, not a directory.
      if (!belowDependency(entry.path) && (entry.type === 'dir' || entry.path.endsWith('.egg-info'))) fromPythonDistribution(entry.path, out);
    }
    const files = [...disk.namedFiles.filter((path) => /\/(Gemfile\.lock|composer\.lock|version\.php)$/.test(path)), ...disk.archives.map((archive) => archive.path)];
    const kept = keptResults(view, context.disk);
    for (const path of files.filter((file) => !belowDependency(file)).sort()) await fromFile(view, path, out, kept);
    return out.output();
  },
};

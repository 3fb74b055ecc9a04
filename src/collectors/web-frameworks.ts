// `webFrameworks`: web application frameworks installed or deployed in the view, each with its
// version, where it is (the project, the site-packages directory, the archive) and the file that
// gave it away. From the run's one walk of the disk (disk-walk/): dependency directories
// (node_modules, site-packages) are looked at one level deep, what lies inside a dependency is
// not the application's, and lock files and archives are read.
import type { WebFramework } from '../model/inventory.js';
import type { SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { JAVA_FRAMEWORKS, NODE_FRAMEWORKS, PHP_FRAMEWORKS, PYTHON_FRAMEWORKS, RUBY_FRAMEWORKS, normalizePythonName } from './frameworks/known-frameworks.js';
import { composerLockPins, gemfileLockPins, packageJsonVersion, pythonDistribution } from './frameworks/lockfiles.js';
import { coordinatesFromFileName } from './jar/manifest.js';
import type { ArchiveRead } from './disk-walk/archive-reads.js';
import { diskArchives, diskFindings } from './disk-walk/disk-walk.js';
import { readTextSafely } from './read-safely.js';

// Build tools' download caches hold libraries, not deployed applications.
const BUILD_CACHE = /\/\.m2\/repository\/|\/\.gradle\/caches\//;

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
  }
}

/** An archive's frameworks: those its own file name names, and those the shared read found inside. */
function fromArchive(path: string, read: ArchiveRead, out: Collected<'webFrameworks'>): void {
  const name = baseOf(path);
  const library = coordinatesFromFileName(name);
  const framework = library?.artifactId ? JAVA_FRAMEWORKS.get(library.artifactId) : undefined;
  if (framework) add(out, { framework, version: library?.version ?? null, path, evidence: name });
  read.notes.replayInto(out);
  const hits = read.inspection?.frameworks;
  if (!hits) return;
  if ('error' in hits) out.warn(hits.error, path);
  else for (const hit of hits) add(out, { ...hit, path });
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
    // Asked for first, so archives are read while the walk goes on (disk-walk/archive-reads.ts).
    const archivesRead = diskArchives(view, context.disk);
    archivesRead.catch(() => undefined); // a failed walk is thrown by the await below, not left unhandled here
    const disk = await diskFindings(view, context.disk);
    for (const entry of disk.nodePackages) if (!belowDependency(entry.path)) await fromNodePackage(view, entry.path, out);
    for (const entry of disk.pythonEntries) {
      // An old-style distribution is a single ".egg-info" file, not a directory.
      if (!belowDependency(entry.path) && (entry.type === 'dir' || entry.path.endsWith('.egg-info'))) fromPythonDistribution(entry.path, out);
    }
    // Lock files and archives in one path order, archives answered from the run's shared read.
    const archives = new Map((await archivesRead).map(({ entry, read }) => [entry.path, read]));
    const files = [...disk.namedFiles.filter((path) => /\/(Gemfile\.lock|composer\.lock|version\.php)$/.test(path)), ...archives.keys()];
    for (const path of files.filter((file) => !belowDependency(file)).sort()) {
      const read = archives.get(path);
      if (!read) await fromFile(view, path, out);
      else if (!BUILD_CACHE.test(path)) fromArchive(path, read, out);
    }
    return out.output();
  },
};

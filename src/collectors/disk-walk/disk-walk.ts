// One bounded walk of the whole view feeding every collector that looks for installed software
// on disk (jars, webFrameworks, languagePackages): the tree is walked once and each entry is
// dispatched by its name, with a stat only where size or mode decide (an archive's size, whether
// a file is an executable) and no byte read here. The collectors then read what they were given.
import type { FileStat, FileType, SystemView } from '../../view/system-view.js';
import { ArchiveReader, type ArchiveRead } from './archive-reads.js';
import type { FileResults } from './file-results.js';
import { prunedDirs } from './pruning.js';

export interface DiskFindings {
  /** Java archives (.jar, .war, .ear). */
  readonly archives: FileStat[];
  /** Entries directly in a node_modules directory (or in an @scope there): package directories, and pnpm's symlinks. */
  readonly nodePackages: { readonly path: string; readonly symlink: boolean }[];
  /** Entries directly in a site-packages or dist-packages directory (distributions among them). */
  readonly pythonEntries: { readonly path: string; readonly type: FileType }[];
  /** Files wanted by name: lock files, gem specifications, WordPress's version.php. */
  readonly namedFiles: string[];
  /** Regular files with an execute bit, large enough to be a compiled program. */
  readonly executables: FileStat[];
}

const ARCHIVE = /\.(jar|war|ear)$/i;
const NAMED_FILES = new Set(['package-lock.json', 'Cargo.lock', 'Gemfile.lock', 'composer.lock']);
/** Smaller executables are scripts or tiny C programs; a Go program is over a megabyte, a Rust one hundreds of kilobytes. */
export const MIN_PROGRAM_BYTES = 256 * 1024;
/**
 * Names that are data or source, never a compiled program worth opening: spares a stat for most
 * of a disk's files (HTML, Python, headers, shared libraries) while names without a dot, or
 * with version dots ("kubectl.1.33", "provider_v5.100.0_x5"), are still looked at.
 */
const NOT_A_PROGRAM = /\.(html?|py[cio]?|pyi|gz|xz|bz2|zst|zip|js|mjs|cjs|ts|mts|cts|map|json|ya?ml|toml|xml|pom|h|hpp|c|cc|cpp|rs|go|rb|pl|pm|php|java|class|rst|md|txt|mo|po|png|svg|gif|jpe?g|ico|woff2?|ttf|otf|css|beam|deb|vim|whl|cmake|bc|a|o|so|so\.[\d.]+|la|list|md5sums|conf|cfg|ini|pem|crt|sql|sh|bash|patch|symbols|shlibs|triggers|debug|mod|sum|lock|jar|war|ear|tar|tgz)$/i;

const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';

/** Whether `path` sits directly in a node_modules directory, or in an @scope directory there. */
function inNodeModules(path: string): boolean {
  const parent = parentOf(path);
  const parentName = baseOf(parent);
  return parentName === 'node_modules' || (parentName.startsWith('@') && baseOf(parentOf(parent)) === 'node_modules');
}

function isPythonLibraryDir(name: string): boolean {
  return name === 'site-packages' || name === 'dist-packages';
}

/**
 * Walks `view` once and sorts what it meets into DiskFindings (sorted by path, whatever the walk's
 * order); `onArchive` hears of each archive as soon as it is found.
 */
export async function walkDisk(view: SystemView, onArchive?: (stat: FileStat) => void): Promise<DiskFindings> {
  const findings: DiskFindings = { archives: [], nodePackages: [], pythonEntries: [], namedFiles: [], executables: [] };
  const pruned = await prunedDirs(view);
  const visitor = {
    enterDir(path: string, name: string): boolean {
      if (pruned(path, name)) return false;
      if (inNodeModules(path) && !name.startsWith('@')) findings.nodePackages.push({ path, symlink: false });
      if (isPythonLibraryDir(baseOf(parentOf(path)))) findings.pythonEntries.push({ path, type: 'dir' });
      return true;
    },
    wantStat(path: string, name: string, type: FileType): boolean {
      if (type === 'symlink') {
        // pnpm links each dependency into node_modules (node_modules/express -> .pnpm/express@4.18.2/…).
        if (inNodeModules(path)) findings.nodePackages.push({ path, symlink: true });
        return false;
      }
      if (type !== 'file') return false;
      if (ARCHIVE.test(name)) return true;
      const parentName = baseOf(parentOf(path));
      if (isPythonLibraryDir(parentName)) findings.pythonEntries.push({ path, type });
      if (NAMED_FILES.has(name) || (name === 'version.php' && parentName === 'wp-includes') || (name.endsWith('.gemspec') && parentName === 'specifications')) {
        findings.namedFiles.push(path);
        return false;
      }
      return !NOT_A_PROGRAM.test(name);
    },
    found(stat: FileStat): void {
      if (ARCHIVE.test(stat.path)) {
        findings.archives.push(stat);
        onArchive?.(stat);
      }
      else if (stat.type === 'file' && (stat.mode & 0o111) !== 0 && stat.size >= MIN_PROGRAM_BYTES) findings.executables.push(stat);
    },
  };
  if (view.sweep) {
    await view.sweep('/', visitor);
  } else {
    // A view without a sweep (an image's tree, held in memory) is walked in order: same dispatch.
    for await (const entry of view.walk('/', { skipDir: (path) => !visitor.enterDir(path, baseOf(path)) })) {
      if (entry.type === 'dir') continue; // enterDir already saw it
      if (visitor.wantStat(entry.path, baseOf(entry.path), entry.type)) visitor.found(entry);
    }
  }
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  findings.archives.sort(byPath);
  findings.nodePackages.sort(byPath);
  findings.pythonEntries.sort(byPath);
  findings.namedFiles.sort();
  findings.executables.sort(byPath);
  return findings;
}

/**
 * One walk shared by the collectors of one run (an inventory scan, an agent tick): the first to
 * ask starts it, the others wait for the same answer. A new run makes a new one, so no answer
 * outlives the run that asked. The agent also hands its run the results kept from the last one
 * (file-results.ts), so its collectors skip files unchanged since. The archives it found are
 * read once too, for every collector that asks (archive-reads.ts).
 */
export class SharedDiskWalk {
  private walk: Promise<DiskFindings> | null = null;
  /** Archives found so far, for a reader that starts while the walk is under way. */
  private readonly archivesFound: FileStat[] = [];
  private reader: ArchiveReader | null = null;
  private archiveReads: Promise<Map<string, ArchiveRead>> | null = null;

  /** `archiveWorkers`: threads reading a live host's archives (archive-reads.ts); the machine's cores but one unless given. */
  constructor(
    readonly view: SystemView,
    readonly results?: FileResults,
    private readonly archiveWorkers?: number,
  ) {}

  findings(): Promise<DiskFindings> {
    this.walk ??= walkDisk(this.view, (stat) => {
      this.archivesFound.push(stat);
      this.reader?.add(stat);
    });
    return this.walk;
  }

  /** Each archive of the walk read, by path: reads start as the walk finds them, once asked for. */
  archives(): Promise<Map<string, ArchiveRead>> {
    if (!this.archiveReads) {
      const reader = new ArchiveReader(this.view, this.results, this.archiveWorkers);
      this.reader = reader;
      for (const stat of this.archivesFound) reader.add(stat);
      // A failed walk still waits for the reads it started, so the workers end with it.
      this.archiveReads = this.findings().then(
        () => reader.results(),
        async (error: unknown) => {
          await reader.results();
          throw error;
        },
      );
    }
    return this.archiveReads;
  }
}

/** The results kept between the agent's runs, when this run has them and is of this view. */
export function keptResults(view: SystemView, shared: SharedDiskWalk | undefined): FileResults | undefined {
  return shared && shared.view === view ? shared.results : undefined;
}

/** The run's shared walk when it is of this view, else a walk of its own. */
function sharedOr(view: SystemView, shared: SharedDiskWalk | undefined): SharedDiskWalk {
  return shared && shared.view === view ? shared : new SharedDiskWalk(view);
}

export function diskFindings(view: SystemView, shared: SharedDiskWalk | undefined): Promise<DiskFindings> {
  return sharedOr(view, shared).findings();
}

/** The walk's archives and each one's read, in the walk's (path) order. */
export async function diskArchives(view: SystemView, shared: SharedDiskWalk | undefined): Promise<{ entry: FileStat; read: ArchiveRead }[]> {
  const run = sharedOr(view, shared);
  const [findings, reads] = await Promise.all([run.findings(), run.archives()]);
  return findings.archives.flatMap((entry) => {
    const read = reads.get(entry.path);
    return read ? [{ entry, read }] : [];
  });
}

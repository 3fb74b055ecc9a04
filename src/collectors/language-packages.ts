// `languagePackages`: packages of language ecosystems installed in the view, each named as its
// OSV ecosystem names it so the advisory matcher reads rows as they are: npm (package.json of
// every package in a node_modules tree; a package-lock.json where no node_modules was
// installed), PyPI (dist-info and egg-info metadata in site-packages and dist-packages), Go (the
// build information in programs), crates.io (Cargo.lock; programs built with cargo-auditable)
// and RubyGems (specifications/*.gemspec). Where they are comes from the run's one walk of the
// disk (disk-walk/); broken files become warnings and the rest is still listed.
import { NotVisibleError, type FileStat, type SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import type { ScanWarning } from '../model/common.js';
import type { LanguagePackage } from '../model/inventory.js';
import { diskFindings, keptResults, type DiskFindings } from './disk-walk/disk-walk.js';
import type { FileResults } from './disk-walk/file-results.js';
import { mapLimit } from './map-limit.js';
import { auditableCrates } from './language/cargo-auditable.js';
import { cargoLockCrates } from './language/cargo-lock.js';
import { elfSections, isElf } from './language/elf-sections.js';
import { parseGoBuildInfo, stdlibVersion } from './language/go-buildinfo.js';
import { packageJsonPackage, packageLockPackages } from './language/npm.js';
import { coreMetadata, metadataFileOf } from './language/python.js';
import { gemspecGem } from './language/ruby.js';
import { readTextSafely } from './read-safely.js';

type Out = Collected<'languagePackages'>;

const MANIFEST_BYTES = 1024 * 1024;
/** Core metadata headers come first; the long description after them is not needed. */
const METADATA_HEAD_BYTES = 64 * 1024;
const LOCKFILE_BYTES = 32 * 1024 * 1024;
/** Build information and cargo-auditable data are small; larger sections are not what they claim. */
const MAX_SECTION_BYTES = 4 * 1024 * 1024;

/** Where an agent keeps each program's packages between ticks (disk-walk/file-results.ts); bump with the collector. */
const RESULTS = 'language-packages@1';
const NAME = 'language-packages';

/** Reads of small files in flight at once: they wait on the disk, not the CPU (map-limit.ts). */
const READS_IN_FLIGHT = 8;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

async function npmPackages(view: SystemView, disk: DiskFindings, out: Out): Promise<void> {
  const installedProjects = new Set<string>();
  for (const entry of disk.nodePackages) installedProjects.add(entry.path.slice(0, entry.path.lastIndexOf('/node_modules/')));
  // Symlinks are pnpm's links to its store (.pnpm/…/node_modules/x, listed there) or a
  // workspace's own packages; dot directories (.bin, .cache, .pnpm) are npm's and tools'.
  const packages = disk.nodePackages.filter((entry) => !entry.symlink && !baseOf(entry.path).startsWith('.'));
  await mapLimit(packages, READS_IN_FLIGHT, async (entry) => {
    const manifest = `${entry.path}/package.json`;
    const text = await readTextSafely(view, manifest, out, MANIFEST_BYTES);
    if (text === null) return;
    const parsed = packageJsonPackage(text);
    if (!parsed.ok) out.warn(parsed.error, manifest);
    else if (parsed.value) out.items.push({ ecosystem: 'npm', name: parsed.value.name, version: parsed.value.version, path: entry.path, evidence: manifest });
  });
  for (const lockfile of disk.namedFiles.filter((path) => baseOf(path) === 'package-lock.json')) {
    // With node_modules installed, the packages themselves were listed; the lock file only says
    // what would be installed, and may be stale.
    const project = parentOf(lockfile);
    if (installedProjects.has(project) || lockfile.includes('/node_modules/')) continue;
    const text = await readTextSafely(view, lockfile, out, LOCKFILE_BYTES);
    if (text === null) continue;
    const parsed = packageLockPackages(text);
    if (!parsed.ok) out.warn(parsed.error, lockfile);
    else for (const pin of parsed.value) out.items.push({ ecosystem: 'npm', name: pin.name, version: pin.version, path: lockfile, evidence: `${lockfile}: ${pin.installPath}` });
  }
}

/** The start of a file (its headers), or null when missing or unreadable (then noted). */
async function readHead(view: SystemView, path: string, out: Out): Promise<Buffer | null> {
  try {
    return await view.readFile(path, { maxBytes: METADATA_HEAD_BYTES });
  } catch (error) {
    if (error instanceof NotVisibleError) out.hidden(path);
    else out.warn(`cannot read: ${(error as Error).message}`, path);
    return null;
  }
}

async function pythonPackages(view: SystemView, disk: DiskFindings, out: Out): Promise<void> {
  await mapLimit(disk.pythonEntries, READS_IN_FLIGHT, async (entry) => {
    const metadata = metadataFileOf(entry.path, entry.type === 'dir' ? 'dir' : 'file');
    if (!metadata) return;
    const bytes = await readHead(view, metadata, out);
    const text = bytes === null ? null : bytes.includes(0) ? '' : bytes.toString('utf8');
    const distribution = text === null ? null : coreMetadata(text);
    if (distribution) out.items.push({ ecosystem: 'PyPI', name: distribution.name, version: distribution.version, path: entry.path, evidence: metadata });
    else if (text !== null) out.warn('metadata without Name and Version headers', metadata);
  });
}

async function rubyAndCargoFiles(view: SystemView, disk: DiskFindings, out: Out): Promise<void> {
  for (const path of disk.namedFiles) {
    if (path.endsWith('.gemspec')) {
      const text = await readTextSafely(view, path, out, MANIFEST_BYTES);
      if (text === null) continue;
      const gem = gemspecGem(text);
      if (gem) out.items.push({ ecosystem: 'RubyGems', name: gem.name, version: gem.version, path, evidence: path });
      else out.warn('gem specification without s.name and s.version', path);
    } else if (baseOf(path) === 'Cargo.lock') {
      const text = await readTextSafely(view, path, out, LOCKFILE_BYTES);
      if (text === null) continue;
      for (const crate of cargoLockCrates(text)) out.items.push({ ecosystem: 'crates.io', name: crate.name, version: crate.version, path, evidence: `${path}: ${crate.name} ${crate.version}` });
    }
  }
}

/** Bytes at an offset of a file: through the view's ranged read, or the file's start when the view has none. */
async function readRange(view: SystemView, path: string, offset: number, length: number): Promise<Buffer | null> {
  if (view.readRange) return view.readRange(path, offset, length);
  const bytes = await view.readFile(path, { maxBytes: offset + length });
  return bytes === null ? null : bytes.subarray(offset, offset + length);
}

async function programPackages(view: SystemView, program: FileStat, out: Out): Promise<void> {
  const path = program.path;
  const head = await readRange(view, path, 0, 64);
  if (!head || !isElf(head)) return;
  const sections = await elfSections(head, (offset, length) => readRange(view, path, offset, length));
  if (!sections) return out.warn('ELF section headers not readable', path);
  for (const section of sections) {
    if (section.name !== '.go.buildinfo' && section.name !== '.dep-v0') continue;
    if (section.size > MAX_SECTION_BYTES) {
      out.warn(`${section.name} of ${section.size} bytes: larger than ${MAX_SECTION_BYTES}, not read`, path);
      continue;
    }
    const bytes = await readRange(view, path, section.offset, section.size);
    if (!bytes) continue;
    if (section.name === '.go.buildinfo') {
      const result = parseGoBuildInfo(bytes);
      if ('error' in result) {
        out.warn(result.error, path);
        continue;
      }
      const evidence = `${path}: Go build information`;
      const stdlib = stdlibVersion(result.info.goVersion);
      if (stdlib) out.items.push({ ecosystem: 'Go', name: 'stdlib', version: stdlib, path, evidence });
      // The main module of a local build is "(devel)": no release an advisory could name.
      const modules = [...(result.info.main && result.info.main.version !== '(devel)' ? [result.info.main] : []), ...result.info.deps];
      for (const module of modules) out.items.push({ ecosystem: 'Go', name: module.path, version: module.version, path, evidence });
    } else {
      const result = auditableCrates(bytes);
      if ('error' in result) out.warn(result.error, path);
      else for (const crate of result.crates) out.items.push({ ecosystem: 'crates.io', name: crate.name, version: crate.version, path, evidence: `${path}: cargo-auditable` });
    }
  }
}

/** A program's packages and warnings: from the kept results when it is unchanged, else read (and kept). */
async function programPackagesKept(view: SystemView, program: FileStat, out: Out, kept: FileResults | undefined): Promise<void> {
  type Found = { items: LanguagePackage[]; warnings: ScanWarning[] };
  let found = kept?.get<Found>(RESULTS, program);
  if (!found) {
    const own = new Collected({ name: NAME, kind: 'languagePackages' });
    await programPackages(view, program, own);
    found = { items: own.items, warnings: own.warnings };
    kept?.set(RESULTS, program, found);
  }
  out.items.push(...found.items);
  out.warnings.push(...found.warnings);
}

export const languagePackagesCollector: Collector<'languagePackages'> = {
  name: NAME,
  kind: 'languagePackages',
  version: 1,
  liveOnly: false,
  needs: {
    match: (path) =>
      /\/node_modules\/(@[^/]+\/)?[^/]+\/package\.json$|\/(package-lock\.json|Cargo\.lock)$|\/specifications\/[^/]+\.gemspec$/.test(path) ||
      /\/(site|dist)-packages\/[^/]+\.(dist-info\/METADATA|egg-info\/PKG-INFO|egg-info)$/.test(path),
  },
  async collect(view, context) {
    const out = new Collected(this);
    const disk = await diskFindings(view, context.disk);
    await npmPackages(view, disk, out);
    await pythonPackages(view, disk, out);
    await rubyAndCargoFiles(view, disk, out);
    const kept = keptResults(view, context.disk);
    await mapLimit(disk.executables, READS_IN_FLIGHT, async (program) => {
      try {
        await programPackagesKept(view, program, out, kept);
      } catch (error) {
        out.warn(`program not read: ${(error as Error).message}`, program.path);
      }
    });
    // Reads finish in any order; rows and warnings are listed in one.
    out.items.sort((a, b) => compare(a.path, b.path) || compare(a.ecosystem, b.ecosystem) || compare(a.name, b.name));
    out.warnings.sort((a, b) => compare(a.path ?? '', b.path ?? '') || compare(a.message, b.message));
    return out.output();
  },
};

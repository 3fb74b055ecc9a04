// What an analyzer declares it reads (STYLE.md habit 3, Trivy's `Required`): over an image, each
// layer is streamed once and only files some analyzer declared are kept. Analyzers that need
// every regular file's bytes per layer (secrets, malware) register a LayerFileVisitor instead:
// they also see files a later layer deleted, which are still in the image.
export interface FileNeeds {
  /** Exact absolute paths ("/etc/os-release"). */
  readonly paths?: readonly string[];
  /** Every file below these directories ("/var/lib/dpkg"). */
  readonly dirs?: readonly string[];
  /** File names anywhere ("package.json", "METADATA"). */
  readonly names?: readonly string[];
  /** Name endings anywhere (".jar"). */
  readonly suffixes?: readonly string[];
  /** Any other file, decided by its path (a collector's `match`). */
  readonly match?: (path: string) => boolean;
  /** Regular files with an execute bit (Go build info lives in binaries). */
  readonly executables?: boolean;
  /** Larger matching files are listed but their bytes not kept. */
  readonly maxFileBytes?: number;
}

export interface LayerFile {
  /** 0-based position of the layer in the image. */
  readonly layerIndex: number;
  /** The layer's diff_id (digest of its uncompressed tar). */
  readonly layerDigest: string;
  readonly path: string;
  readonly size: number;
  readonly mode: number;
}

export interface LayerFileVisitor {
  readonly name: string;
  /** Bytes handed over per file at most (the start of larger files, with `truncated`). */
  readonly maxFileBytes: number;
  /** Cheap filter on name and size before any byte is buffered. */
  wants(file: LayerFile): boolean;
  visit(file: LayerFile, content: Buffer, truncated: boolean): void | Promise<void>;
}

/** Scanners that say nothing get what the built-in inventory reads (DESIGN.md's collectors). */
export const defaultNeeds: FileNeeds = {
  paths: ['/etc/os-release', '/usr/lib/os-release', '/etc/lsb-release', '/etc/alpine-release', '/etc/debian_version', '/etc/redhat-release', '/etc/passwd', '/etc/group'],
  dirs: ['/var/lib/dpkg', '/lib/apk/db', '/var/lib/rpm', '/usr/lib/sysimage/rpm', '/etc'],
  names: ['package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'METADATA', 'PKG-INFO', 'requirements.txt', 'Pipfile.lock', 'poetry.lock', 'go.mod', 'go.sum', 'Gemfile.lock', 'composer.lock', 'Cargo.lock'],
  suffixes: ['.jar', '.war', '.ear', '.gemspec'],
  executables: true,
  maxFileBytes: 256 * 1024 * 1024,
};

/** One predicate over all declared needs. */
export function needsMatcher(all: readonly FileNeeds[]): (path: string, size: number, mode: number) => boolean {
  const paths = new Set(all.flatMap((needs) => needs.paths ?? []));
  const dirs = all.flatMap((needs) => (needs.dirs ?? []).map((dir) => (dir.endsWith('/') ? dir : `${dir}/`)));
  const names = new Set(all.flatMap((needs) => needs.names ?? []));
  const suffixes = all.flatMap((needs) => needs.suffixes ?? []);
  const executables = all.some((needs) => needs.executables === true);
  const matchers = all.flatMap((needs) => (needs.match ? [needs.match] : []));
  const maxBytes = Math.max(0, ...all.map((needs) => needs.maxFileBytes ?? Number.MAX_SAFE_INTEGER));
  return (path, size, mode) => {
    if (size > maxBytes) return false;
    if (paths.has(path)) return true;
    if (dirs.some((dir) => path.startsWith(dir))) return true;
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (names.has(name) || suffixes.some((suffix) => name.endsWith(suffix))) return true;
    if (matchers.some((match) => match(path))) return true;
    return executables && (mode & 0o111) !== 0;
  };
}

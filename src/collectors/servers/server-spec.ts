// How a kind of server (a database engine, a web server) is recognised among running processes
// and where it keeps its version, configuration and data. One spec per server, as data plus a
// few small functions, so adding a server is adding one entry to a list.
import type { SystemView } from '../../view/system-view.js';
import type { ProcessEntry } from '../proc/process-table.js';

export interface ServerProcess {
  readonly entry: ProcessEntry;
  /** Base name of the executable (" (deleted)" removed), or the command name when there is none. */
  readonly exeName: string;
}

export interface ServerSpec {
  /** Engine or server name as reported ("postgresql", "nginx"). */
  readonly name: string;
  matches(process: ServerProcess): boolean;
  /** Installed packages that may carry the binary; the one owning the executable gives the version. */
  readonly packages: RegExp;
  /** Where the executable belongs to a runtime (RabbitMQ runs Erlang's beam.smp): the package whose version is the server's. */
  readonly versionPackage?: RegExp;
  /** Last resort on a live system: run the binary with these arguments and read the version from its output. */
  readonly versionCommand?: { readonly args: readonly string[]; readonly pattern: RegExp };
  /** A version the server's own files tell (a directory named after it, a jar manifest). */
  fileVersion?(view: SystemView, process: ServerProcess): Promise<string | null>;
  /** Renames the engine once its owning package or version output is known (mysqld of MariaDB). */
  refineName?(evidence: string): string;
  configPath?(view: SystemView, process: ServerProcess): Promise<string | null>;
  dataDirectory?(view: SystemView, process: ServerProcess): Promise<string | null>;
  /**
   * Installed, not running (and every server of a root filesystem or image): the package that
   * installs the server itself (not its client tools), and what its configuration files say.
   */
  readonly installed?: {
    readonly serverPackages: RegExp;
    configured(view: SystemView): Promise<ConfiguredServer>;
  };
}

export interface ConfiguredServer {
  readonly ports: readonly number[];
  readonly dataDirectory: string | null;
  readonly configPath: string | null;
}

/** The value of an option in argv: "-D dir", "-Ddir", "--datadir=dir", "--datadir dir". */
export function optionValue(argv: readonly string[], ...names: string[]): string | null {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    for (const name of names) {
      if (arg === name) return argv[index + 1] ?? null;
      if (name.startsWith('--') && arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      if (!name.startsWith('--') && name.length === 2 && arg.startsWith(name) && arg.length > 2) return arg.slice(2);
    }
  }
  return null;
}

/** A path only if the view has it (a file or directory); relative paths are not guessed at. */
export async function existing(view: SystemView, path: string | null | undefined): Promise<string | null> {
  if (!path || !path.startsWith('/')) return null;
  try {
    return (await view.stat(path)) ? path : null;
  } catch {
    return null;
  }
}

/** The first of `paths` that exists in the view. */
export async function firstExisting(view: SystemView, ...paths: string[]): Promise<string | null> {
  for (const path of paths) if (await existing(view, path)) return path;
  return null;
}

/** Text of a small configuration file, or null (missing, unreadable, or not text). */
export async function readConfig(view: SystemView, path: string | null): Promise<string | null> {
  if (!path) return null;
  try {
    const bytes = await view.readFile(path, { maxBytes: 4 * 1024 * 1024 });
    return bytes === null || bytes.includes(0) ? null : bytes.toString('utf8');
  } catch {
    return null;
  }
}

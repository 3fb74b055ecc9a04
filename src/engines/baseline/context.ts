// What every rule evaluator shares during one evaluation: the view, the limits, and caches, so a
// policy that reads sshd_config forty times or runs `sshd -T` twenty times reads and runs it once
// (the system is taken as one snapshot per evaluation).
import { NotVisibleError, type CommandResult, type FileStat, type SystemView } from '../../view/system-view.js';

export interface EvaluationOptions {
  /** May `c:` rules of this policy run? Only for policies the operator trusts, only on a live host. */
  readonly trustCommands: boolean;
  /** Per command; a command still running then is killed and its rule is not applicable. */
  readonly commandTimeoutMs: number;
  /** Files larger than this are not read; their rules are not applicable. */
  readonly maxFileBytes: number;
  /** Directory rules look at most this many entries. */
  readonly maxDirEntries: number;
  /** Checks evaluated at the same time (commands run in parallel up to this). */
  readonly concurrency: number;
}

export const DEFAULT_OPTIONS: EvaluationOptions = {
  trustCommands: false,
  commandTimeoutMs: 10_000,
  maxFileBytes: 8 * 1024 * 1024,
  maxDirEntries: 20_000,
  concurrency: 8,
};

/** A file's text, or why it could not be had. */
export type FileText = { readonly text: string } | { readonly missing: true } | { readonly invalid: string };

export class EvaluationContext {
  private readonly files = new Map<string, Promise<FileText>>();
  private readonly stats = new Map<string, Promise<FileStat | null | { invalid: string }>>();
  private readonly commands = new Map<string, Promise<CommandResult | { invalid: string }>>();
  private processes?: Promise<readonly ProcessEntry[] | { invalid: string }>;
  commandsRun = 0;

  constructor(
    readonly view: SystemView,
    readonly options: EvaluationOptions,
  ) {}

  stat(path: string): Promise<FileStat | null | { invalid: string }> {
    let pending = this.stats.get(path);
    if (!pending) {
      pending = this.view.stat(path).catch((error: unknown) => ({ invalid: describe(path, error) }));
      this.stats.set(path, pending);
    }
    return pending;
  }

  readText(path: string): Promise<FileText> {
    let pending = this.files.get(path);
    if (!pending) {
      pending = this.load(path);
      this.files.set(path, pending);
    }
    return pending;
  }

  private async load(path: string): Promise<FileText> {
    const limit = this.options.maxFileBytes;
    try {
      const bytes = await this.view.readFile(path, { maxBytes: limit + 1 });
      if (bytes === null) return { missing: true };
      if (bytes.length > limit) return { invalid: `${path} is larger than ${limit} bytes; not read` };
      return { text: bytes.toString('utf8') };
    } catch (error) {
      return { invalid: describe(path, error) };
    }
  }

  run(key: string, work: () => Promise<CommandResult | { invalid: string }>): Promise<CommandResult | { invalid: string }> {
    let pending = this.commands.get(key);
    if (!pending) {
      this.commandsRun++;
      pending = work();
      this.commands.set(key, pending);
    }
    return pending;
  }

  processList(load: () => Promise<readonly ProcessEntry[] | { invalid: string }>): Promise<readonly ProcessEntry[] | { invalid: string }> {
    this.processes ??= load();
    return this.processes;
  }
}

export interface ProcessEntry {
  readonly pid: number;
  /** /proc/PID/comm (cut to 15 characters by the kernel). */
  readonly comm: string;
  /** Base name of argv[0]. */
  readonly argv0: string;
}

export function describe(path: string, error: unknown): string {
  if (error instanceof NotVisibleError) return `${path} is not readable by this scanner (permission denied)`;
  return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}

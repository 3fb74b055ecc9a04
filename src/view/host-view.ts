// The live host: the view's root is this machine's "/", so the kernel resolves paths itself
// (and reports ELOOP for loops). /proc and sockets are real, and commands may be run, without a
// shell, with a timeout and a bound on what is kept of their output.
import { execFile } from 'node:child_process';
import { FsView, type Located } from './fs-view.js';
import { hostProcFs } from './proc-fs.js';
import type { CommandOptions, CommandResult } from './system-view.js';

/** Output kept per stream when the caller gives no bound. */
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export class HostView extends FsView {
  readonly kind = 'host' as const;
  readonly name = 'host';
  readonly live = true;
  readonly procfs = hostProcFs;
  protected override readonly resolvesSymlinks = false;

  protected async locate(path: string): Promise<Located> {
    return { hostPath: path };
  }

  override run(argv: readonly string[], options: CommandOptions): Promise<CommandResult> {
    const [file, ...args] = argv;
    if (file === undefined || file === '') throw new TypeError('run: argv must name a command');
    const maxBuffer = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    return new Promise((resolve) => {
      const child = execFile(
        file,
        args,
        {
          shell: false,
          timeout: options.timeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer,
          encoding: 'buffer',
          // Stable, parseable output whatever the operator's locale.
          env: { ...process.env, LC_ALL: 'C' },
        },
        (error, stdout, stderr) => {
          const out = bounded(stdout, maxBuffer);
          const err = bounded(stderr, maxBuffer);
          if (!error) {
            resolve({ exitCode: 0, stdout: out, stderr: err, timedOut: false });
            return;
          }
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'EACCES') {
            // The command is not there (or not runnable): an answer, not a crash.
            resolve({ exitCode: null, stdout: '', stderr: `${file}: ${error.message}`, timedOut: false });
            return;
          }
          const exited = typeof error.code === 'number' ? error.code : null;
          const timedOut = error.killed === true && code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' && exited === null;
          resolve({ exitCode: exited, stdout: out, stderr: err, timedOut });
        },
      );
      // Nothing is ever fed to the command: close stdin so a command reading it ends at once.
      child.stdin?.end();
    });
  }
}

function bounded(data: Buffer | string | undefined, max: number): string {
  if (data === undefined) return '';
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return (bytes.length > max ? bytes.subarray(0, max) : bytes).toString('utf8');
}

// The agent's occasional fact kinds (every few minutes to every six hours: packages, services,
// databases, the whole-disk jars and language packages…) collected in a short-lived child
// process rather than in the agent. Parsing a package database or reading a thousand jars grows
// the JavaScript heap and allocates outside it, and neither shrinks back: in the agent itself
// the first whole-disk inventory left it resident at ~160 MB for good, against ~70 MB idle
// (`npm run bench -- agent-idle`). A child returns all of it when it exits; it runs at a lower
// CPU priority so the host's own work goes first, and a crash in it (a reader bug on a hostile
// file) costs one collection, not the agent. The kinds collected every minute stay in the agent
// (schedule.ts), where a process per minute would cost more than it saves.
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import type { FactKind } from '../../model/inventory.js';

export interface ChildCollectionRequest {
  readonly kinds: readonly FactKind[];
  /** The per-file results kept between ticks (collectors/disk-walk/file-results.ts). */
  readonly resultsFile: string;
  readonly archiveWorkers: number;
  /** The tick's clock, as an ISO time. */
  readonly now: string;
}

export type ChildCollectionReply =
  | { readonly type: 'kind'; readonly kind: FactKind; readonly answer: unknown; readonly warnings: string[] }
  | { readonly type: 'done'; readonly warnings: string[]; readonly saveError?: string };

export interface ChildCollectionResult {
  /** Each kind's answer (its rows, or the one fact of host and resources), in the order asked. */
  readonly kinds: Map<FactKind, { answer: unknown; warnings: string[] }>;
  /** Warnings about the kept results file (damaged and discarded, not saved). */
  readonly warnings: string[];
}

/** Niceness of the child (setpriority(2)): below the host's services, above idle. */
const CHILD_NICENESS = 10;

/**
 * From the built tree the child is a .js file beside this one; from the TypeScript sources (tests,
 * a checkout run through tsx) it is the .ts file, loaded with tsx's loader.
 */
function startChild(): ChildProcess {
  const here = import.meta.url;
  const typescript = here.endsWith('.ts');
  const entry = new URL(typescript ? './collection-child.ts' : './collection-child.js', here);
  return fork(entry, [], {
    execArgv: typescript ? ['--import', import.meta.resolve('tsx')] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}

/** Runs `request` in a child process; rejects when the child fails, and kills it when `signal` aborts. */
export function collectInChild(request: ChildCollectionRequest, signal: AbortSignal): Promise<ChildCollectionResult> {
  return new Promise((resolve, reject) => {
    const child = startChild();
    const kinds = new Map<FactKind, { answer: unknown; warnings: string[] }>();
    let done: { warnings: string[] } | null = null;
    let stderr = '';
    const abort = () => child.kill('SIGKILL');
    signal.addEventListener('abort', abort, { once: true });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('spawn', () => {
      try {
        if (child.pid !== undefined) setPriority(child.pid, CHILD_NICENESS);
      } catch {
        // Not permitted (a restricted container): it runs at the agent's priority.
      }
      child.send(request);
    });
    child.on('message', (message: ChildCollectionReply) => {
      if (message.type === 'kind') kinds.set(message.kind, { answer: message.answer, warnings: message.warnings });
      else done = { warnings: message.saveError ? [...message.warnings, `per-file results not saved: ${message.saveError}`] : message.warnings };
    });
    child.on('error', (error) => {
      signal.removeEventListener('abort', abort);
      reject(error);
    });
    child.on('exit', (code, exitSignal) => {
      signal.removeEventListener('abort', abort);
      if (done && code === 0) resolve({ kinds, warnings: done.warnings });
      else reject(new Error(`inventory process ${exitSignal ? `killed by ${exitSignal}` : `exited with ${code}`}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`));
    });
  });
}

// Runs the baseline checks (SCA policies, Palisade's own by default) over this host on a schedule
// and spools each run's results for the server (issue 7 part 4). A run is a full snapshot: every
// check of every policy evaluated, so the server can tell a check that now passes from one that
// was not looked at. Command rules stay off: the agent trusts no policy's commands on its own.
import type { Logger } from 'pino';
import { BASELINE_RESULTS } from '../../model/agent-event-types.js';
import type { BaselineResultsPayload } from '../../model/baseline-api.js';
import { scanBaseline } from '../../scan/baseline-scanner.js';
import type { SystemView } from '../../view/system-view.js';
import { sleep } from '../backoff.js';
import type { Spool } from '../spool.js';

/** Daily, like the hardening reviews the checks stand in for; "detect now" orders run between. */
export const BASELINE_EVERY_SECONDS = 24 * 3600;
/** The first run waits a little, so enrollment and the first inventory go out first. */
export const BASELINE_FIRST_RUN_SECONDS = 60;
/** Evidence rows sent per check: enough to show which files and lines decided it. */
const MAX_EVIDENCE = 50;

export interface BaselineLoopOptions {
  /** Policy files or directories; default Palisade's own (policies/). */
  readonly policyPaths?: readonly string[] | undefined;
  readonly everySeconds?: number;
  readonly firstRunSeconds?: number;
}

export interface BaselineRunSummary {
  readonly checks: number;
  readonly failed: number;
  readonly policies: readonly string[];
}

export interface BaselineLoop {
  /** Runs the checks now (the schedule then restarts from this run); resolves when that run is spooled. */
  runNow(): Promise<BaselineRunSummary>;
  done: Promise<void>;
}

export async function evaluateBaseline(view: SystemView, policyPaths: readonly string[] | undefined, clock: () => Date): Promise<BaselineResultsPayload> {
  const warnings: string[] = [];
  const options = policyPaths && policyPaths.length > 0 ? { policy: [...policyPaths] } : {};
  const results = await scanBaseline(view, { now: clock, options, warn: (warning) => warnings.push(`${warning.path ?? ''}: ${warning.message}`) });
  // A run is a full snapshot on the server: an empty one from unreadable policies would wipe the
  // host's results, so it fails instead and says why.
  if (results.length === 0 && warnings.length > 0) throw new Error(`no baseline policy could be loaded: ${warnings.slice(0, 3).join('; ')}`);
  // Kept within what the server accepts (model/baseline-api.ts), so one wordy check cannot get
  // the whole run refused.
  const bounded = results.map((row) => ({ ...row, title: row.title.slice(0, 2000), reason: row.reason.slice(0, 4000), evidence: row.evidence.slice(0, MAX_EVIDENCE) }));
  return { policies: [...new Set(results.map((row) => row.policyId))], results: bounded, warnings: warnings.slice(0, 1000).map((warning) => warning.slice(0, 2000)) };
}

export function startBaselineLoop(view: SystemView, spool: Spool, log: Logger, signal: AbortSignal, clock: () => Date, options: BaselineLoopOptions = {}): BaselineLoop {
  const everyMs = (options.everySeconds ?? BASELINE_EVERY_SECONDS) * 1000;
  let nextRun = clock().getTime() + (options.firstRunSeconds ?? BASELINE_FIRST_RUN_SECONDS) * 1000;
  let wake: (() => void) | null = null;
  let waiting: { resolve: (summary: BaselineRunSummary) => void; reject: (error: Error) => void }[] = [];

  async function run(): Promise<BaselineRunSummary> {
    const started = clock();
    const payload = await evaluateBaseline(view, options.policyPaths, clock);
    if (payload.warnings.length > 0) log.warn({ warnings: payload.warnings.slice(0, 20) }, 'baseline policy problems');
    spool.append([{ type: BASELINE_RESULTS, time: started.toISOString(), data: { ...payload } }]);
    const summary = { checks: payload.results.length, failed: payload.results.filter((row) => row.result === 'failed').length, policies: payload.policies };
    log.info(summary, 'baseline checks run');
    return summary;
  }

  const done = (async () => {
    while (!signal.aborted) {
      const now = clock().getTime();
      if (now >= nextRun) {
        nextRun = now + everyMs;
        // Orders that asked before this run started are answered by it; later ones by the next.
        const answering = waiting;
        waiting = [];
        try {
          const summary = await run();
          for (const waiter of answering) waiter.resolve(summary);
        } catch (error) {
          log.warn({ err: (error as Error).message }, 'baseline run failed');
          for (const waiter of answering) waiter.reject(error as Error);
        }
        continue;
      }
      // A nap of its own, ended by stop or by runNow, so no timer or listener outlives it.
      const nap = new AbortController();
      const stop = () => nap.abort();
      signal.addEventListener('abort', stop, { once: true });
      wake = stop;
      await sleep(Math.min(nextRun - now, 60_000), nap.signal);
      signal.removeEventListener('abort', stop);
      wake = null;
    }
    for (const waiter of waiting) waiter.reject(new Error('baseline loop stopped'));
  })();

  return {
    runNow() {
      if (signal.aborted) return Promise.reject(new Error('baseline loop stopped'));
      const answer = new Promise<BaselineRunSummary>((resolve, reject) => waiting.push({ resolve, reject }));
      nextRun = 0;
      wake?.();
      return answer;
    },
    done,
  };
}

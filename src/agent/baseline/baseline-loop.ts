// Runs the baseline checks (SCA policies, Palisade's own by default) over this host on a schedule
// and spools each run's results for the server (issue 7 part 4). A run is a full snapshot: every
// check of every policy evaluated, so the server can tell a check that now passes from one that
// was not looked at; a server schedule may ask for some policies only (a partial run). Command
// rules run only for the policies the server says the tenant trusts (heartbeat or order): the
// agent trusts no policy's commands on its own.
import type { Logger } from 'pino';
import { BASELINE_RESULTS } from '../../model/agent-event-types.js';
import type { BaselineResultsPayload } from '../../model/baseline-api.js';
import type { BaselineAgentConfig } from '../../model/baseline-schedule.js';
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
  /** What the server said last (heartbeat): trusted policies, and whether its schedules run this host. */
  readonly config?: (() => BaselineAgentConfig) | undefined;
}

/** What one run evaluates: some policies (a server schedule's) or all, and which may run commands. */
export interface BaselineSelection {
  /** Null or absent: every policy, a full snapshot. */
  readonly policies?: readonly string[] | null | undefined;
  /** Absent: the trusted policies of the server's last heartbeat answer. */
  readonly trustedPolicies?: readonly string[] | undefined;
}

export interface BaselineRunSummary {
  readonly checks: number;
  readonly failed: number;
  readonly policies: readonly string[];
  readonly partial: boolean;
}

export interface BaselineLoop {
  /** Runs the checks now; resolves when that run is spooled. A full run restarts the daily schedule. */
  runNow(selection?: BaselineSelection): Promise<BaselineRunSummary>;
  done: Promise<void>;
}

const NO_CONFIG: BaselineAgentConfig = { trustedPolicies: [], serverScheduled: false };

export async function evaluateBaseline(view: SystemView, policyPaths: readonly string[] | undefined, clock: () => Date, selection: BaselineSelection = {}): Promise<BaselineResultsPayload> {
  const warnings: string[] = [];
  const only = selection.policies ?? null;
  // '*' would mean every policy to the scanner; trust travels as explicit ids only.
  const trusted = (selection.trustedPolicies ?? []).filter((id) => id !== '*');
  const options = { ...(policyPaths && policyPaths.length > 0 ? { policy: [...policyPaths] } : {}), trustedPolicies: trusted, ...(only ? { onlyPolicies: [...only] } : {}) };
  const results = await scanBaseline(view, { now: clock, options, warn: (warning) => warnings.push(`${warning.path ?? ''}: ${warning.message}`) });
  const evaluated = new Set(results.map((row) => row.policyId));
  const absent = (only ?? []).filter((id) => !evaluated.has(id));
  // A selection this agent has none of: nothing to send, and the order should say why.
  if (only !== null && evaluated.size === 0) throw new Error(`none of the policies asked for is installed on this agent: ${absent.slice(0, 20).join(', ')}`);
  // A full run is a snapshot on the server: an empty one from unreadable policies would wipe the
  // host's results, so it fails instead and says why.
  if (results.length === 0 && warnings.length > 0) throw new Error(`no baseline policy could be loaded: ${warnings.slice(0, 3).join('; ')}`);
  if (absent.length > 0) warnings.unshift(`policies asked for but not installed on this agent: ${absent.slice(0, 20).join(', ')}`);
  // Kept within what the server accepts (model/baseline-api.ts), so one wordy check cannot get
  // the whole run refused.
  const bounded = results.map((row) => ({ ...row, title: row.title.slice(0, 2000), reason: row.reason.slice(0, 4000), evidence: row.evidence.slice(0, MAX_EVIDENCE) }));
  return { policies: [...evaluated], partial: only !== null, results: bounded, warnings: warnings.slice(0, 1000).map((warning) => warning.slice(0, 2000)) };
}

const selectionKey = (selection: BaselineSelection) => JSON.stringify([selection.policies ? [...selection.policies].sort() : null, selection.trustedPolicies ? [...selection.trustedPolicies].sort() : null]);

export function startBaselineLoop(view: SystemView, spool: Spool, log: Logger, signal: AbortSignal, clock: () => Date, options: BaselineLoopOptions = {}): BaselineLoop {
  const everyMs = (options.everySeconds ?? BASELINE_EVERY_SECONDS) * 1000;
  const config = options.config ?? (() => NO_CONFIG);
  let nextRun = clock().getTime() + (options.firstRunSeconds ?? BASELINE_FIRST_RUN_SECONDS) * 1000;
  let wake: (() => void) | null = null;
  let waiting: { selection: BaselineSelection; resolve: (summary: BaselineRunSummary) => void; reject: (error: Error) => void }[] = [];

  async function run(selection: BaselineSelection): Promise<BaselineRunSummary> {
    const started = clock();
    const payload = await evaluateBaseline(view, options.policyPaths, clock, { ...selection, trustedPolicies: selection.trustedPolicies ?? config().trustedPolicies });
    if (payload.warnings.length > 0) log.warn({ warnings: payload.warnings.slice(0, 20) }, 'baseline policy problems');
    spool.append([{ type: BASELINE_RESULTS, time: started.toISOString(), data: { ...payload } }]);
    if (!payload.partial) nextRun = clock().getTime() + everyMs;
    const summary = { checks: payload.results.length, failed: payload.results.filter((row) => row.result === 'failed').length, policies: payload.policies, partial: payload.partial };
    log.info(summary, 'baseline checks run');
    return summary;
  }

  const done = (async () => {
    while (!signal.aborted) {
      if (waiting.length > 0) {
        // Orders asking for the same run before it started are answered by it; others by their own.
        const key = selectionKey(waiting[0]!.selection);
        const answering = waiting.filter((waiter) => selectionKey(waiter.selection) === key);
        waiting = waiting.filter((waiter) => selectionKey(waiter.selection) !== key);
        try {
          const summary = await run(answering[0]!.selection);
          for (const waiter of answering) waiter.resolve(summary);
        } catch (error) {
          log.warn({ err: (error as Error).message }, 'baseline run failed');
          for (const waiter of answering) waiter.reject(error as Error);
        }
        continue;
      }
      const now = clock().getTime();
      if (now >= nextRun) {
        nextRun = now + everyMs;
        // The server's schedules run this host: its own daily run would only repeat them.
        if (config().serverScheduled) continue;
        await run({}).catch((error: unknown) => log.warn({ err: (error as Error).message }, 'baseline run failed'));
        continue;
      }
      // Ended by stop, by runNow, or by the time; no timer or listener outlives it.
      await sleep(Math.min(nextRun - now, 60_000), signal, (waker) => (wake = waker));
      wake = null;
    }
    for (const waiter of waiting) waiter.reject(new Error('baseline loop stopped'));
  })();

  return {
    runNow(selection = {}) {
      if (signal.aborted) return Promise.reject(new Error('baseline loop stopped'));
      const answer = new Promise<BaselineRunSummary>((resolve, reject) => waiting.push({ selection, resolve, reject }));
      wake?.();
      return answer;
    },
    done,
  };
}

// The agent daemon: enrolls once, then runs three loops until stopped: heartbeats, the event
// sender, and the order long-poll. Each loop survives a server that is down and retries.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';
import { AGENT_STARTED } from '../model/agent-event-types.js';
import { BaselineAgentConfig } from '../model/baseline-schedule.js';
import type { Order } from '../model/host.js';
import { HostView } from '../view/host-view.js';
import { startBaselineLoop } from './baseline/baseline-loop.js';
import { startInventoryLoop } from './inventory/inventory-loop.js';
import { DEFAULT_AUTH_LOGS, startLoginWatcher } from './watchers/login-watcher.js';
import type { LoginSource } from './watchers/login-source.js';
import { Backoff, sleep } from './backoff.js';
import { readHostIdentity } from './host-identity.js';
import { orderHandlers } from './orders/index.js';
import { agentBlocker, type BlockingOptions } from './response/source-blocker.js';
import { runSender } from './sender.js';
import { Spool, DEFAULT_SPOOL_LIMITS } from './spool.js';
import type { SpoolLimits } from './spool.js';
import { loadAgentState, saveAgentState } from './state.js';
import type { AgentState } from './state.js';
import { AgentTransport } from './transport.js';

export const AGENT_COMPONENTS = ['spool', 'orders', 'inventory'] as const;

export interface AgentOptions {
  readonly serverUrl: string;
  readonly enrollToken?: string | undefined;
  readonly dataDir: string;
  readonly log?: Logger;
  readonly clock?: () => Date;
  readonly spoolLimits?: SpoolLimits;
  /** Collect and send the host's inventory (default true). */
  readonly inventory?: boolean;
  /** Seconds after start before the first whole-disk inventory (jars, web frameworks, language packages); default 600. */
  readonly diskInventoryDelaySeconds?: number | undefined;
  /** Follow the auth logs and send login attempts (default true). */
  readonly logins?: boolean;
  /** Auth logs to follow (default /var/log/auth.log and /var/log/secure). */
  readonly authLogPaths?: readonly string[];
  /** Where login activity is read: the auth log files, the systemd journal, or auto (default). */
  readonly loginSource?: LoginSource;
  /** Which journal (journalctl arguments such as --namespace=…) and which journalctl, for the journal source. */
  readonly journal?: { readonly args?: readonly string[]; readonly command?: string };
  /** Run the baseline checks daily and on "detect now" orders (default true). */
  readonly baseline?: boolean;
  /** Baseline policy files or directories (default Palisade's own, policies/). */
  readonly baselinePolicies?: readonly string[];
  /** Carry out block_source/unblock_source orders with nftables (default off: no firewall changes). */
  readonly blocking?: BlockingOptions | undefined;
}

export interface RunningAgent {
  readonly hostId: string;
  readonly spool: Spool;
  stop(): Promise<void>;
}

async function enrollIfNeeded(options: AgentOptions, transport: AgentTransport, log: Logger): Promise<AgentState> {
  const existing = loadAgentState(options.dataDir);
  const serverUrl = new URL(options.serverUrl).toString();
  if (existing && existing.serverUrl === serverUrl) return existing;
  if (!options.enrollToken) {
    throw new Error(existing ? `enrolled with ${existing.serverUrl}, not ${serverUrl}: give --enroll-token to enroll with this server` : 'not enrolled yet: give --enroll-token');
  }
  const identity = readHostIdentity(AGENT_COMPONENTS, randomUUID());
  const enrolled = await transport.enroll(options.enrollToken, identity);
  const state: AgentState = { serverUrl, hostId: enrolled.hostId, credential: enrolled.credential, enrolledAt: new Date().toISOString(), heartbeatSeconds: enrolled.heartbeatSeconds };
  saveAgentState(options.dataDir, state);
  log.info({ hostId: state.hostId, server: serverUrl }, 'enrolled');
  return state;
}

export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const log = options.log ?? pino({ base: { component: 'agent' } });
  const clock = options.clock ?? (() => new Date());
  const transport = new AgentTransport(options.serverUrl);
  const state = await enrollIfNeeded(options, transport, log);
  transport.setCredential(state.credential);
  const spool = new Spool(join(options.dataDir, 'spool.db'), options.spoolLimits ?? DEFAULT_SPOOL_LIMITS);
  const stopping = new AbortController();
  const signal = stopping.signal;
  const fallbackMachineId = state.hostId;
  /** The server's word on baseline trust and schedules, from the last heartbeat; nothing trusted until then. */
  let serverBaseline: BaselineAgentConfig = { trustedPolicies: [], serverScheduled: false };

  const heartbeats = (async () => {
    const backoff = new Backoff();
    let interval = state.heartbeatSeconds;
    while (!signal.aborted) {
      try {
        const answer = await transport.heartbeat(readHostIdentity(AGENT_COMPONENTS, fallbackMachineId));
        interval = answer.heartbeatSeconds;
        const baselineConfig = BaselineAgentConfig.safeParse(answer.baseline);
        if (baselineConfig.success) serverBaseline = baselineConfig.data;
        backoff.reset();
        await sleep(interval * 1000, signal);
      } catch (error) {
        if (signal.aborted) break;
        log.warn({ err: (error as Error).message }, 'heartbeat failed; will retry');
        await sleep(Math.min(backoff.next(), interval * 1000), signal);
      }
    }
  })();

  const sender = runSender(spool, transport, log, signal, clock);
  const inventory = options.inventory === false ? null : startInventoryLoop(new HostView(), spool, options.dataDir, log, signal, clock, { diskDelaySeconds: options.diskInventoryDelaySeconds });
  const baseline = options.baseline === false ? null : startBaselineLoop(new HostView(), spool, log, signal, clock, { policyPaths: options.baselinePolicies, config: () => serverBaseline });

  const blocker = options.blocking ? agentBlocker(options.serverUrl, options.blocking) : undefined;
  const logins = options.logins === false ? null : startLoginWatcher({
    paths: options.authLogPaths ?? DEFAULT_AUTH_LOGS, source: options.loginSource, journal: options.journal, dataDir: options.dataDir, spool, log, signal, clock,
  });

  const orders = (async () => {
    const backoff = new Backoff();
    while (!signal.aborted) {
      try {
        const { orders: received } = await transport.pollOrders(25, signal);
        backoff.reset();
        for (const order of received) await carryOut(order);
      } catch (error) {
        if (signal.aborted) break;
        log.warn({ err: (error as Error).message }, 'order poll failed; will retry');
        await sleep(backoff.next(), signal);
      }
    }
  })();

  async function carryOut(order: Order): Promise<void> {
    const handler = orderHandlers.get(order.kind);
    let ok = false;
    let result: Record<string, unknown>;
    try {
      if (!handler) throw new Error(`this agent does not know order kind ${order.kind}`);
      result = await handler.run(order, { spool, now: clock, resyncInventory: inventory?.resync, runBaseline: baseline?.runNow, blocker });
      ok = true;
    } catch (error) {
      result = { error: (error as Error).message };
    }
    log.info({ orderId: order.id, kind: order.kind, ok }, 'order carried out');
    await transport.reportOrder(order.id, ok, result);
  }

  spool.append([{ type: AGENT_STARTED, time: clock().toISOString(), data: { components: [...AGENT_COMPONENTS] } }]);
  log.info({ hostId: state.hostId, server: state.serverUrl, pending: spool.stats().pending }, 'agent running');

  return {
    hostId: state.hostId,
    spool,
    stop: async () => {
      stopping.abort();
      await Promise.allSettled([heartbeats, sender, orders, inventory?.done, logins?.done, baseline?.done]);
      spool.close();
    },
  };
}

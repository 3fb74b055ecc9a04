// Types of the events agents send, shared by the agent that writes them and the server that
// processes them.
export const INVENTORY_DELTA = 'inventory.delta';
export const INVENTORY_RESOURCES = 'inventory.resources';
/** The host singleton (data: a HostInfo, model/inventory.ts), sent when it changes: its os-release picks the advisories. */
export const INVENTORY_HOST = 'inventory.host';
export const AGENT_STARTED = 'agent.started';
export const AGENT_RESYNC = 'agent.resync';
export const SPOOL_DROPPED = 'agent.spool_dropped';
/** One login attempt read from the host's auth logs (data: a LoginEvent, model/login.ts). */
export const LOGIN_EVENT = 'login.event';
export const BASELINE_RESULTS = 'baseline.results';
/** What became of a block_source or unblock_source order (data: a BlockReport, model/response.ts). */
export const RESPONSE_BLOCK = 'response.block';

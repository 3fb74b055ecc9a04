// The agent's own collectors must be exactly the registered ones for the kinds the schedule keeps in the agent.
import { describe, expect, it } from 'vitest';
import { collectors } from '../../collectors/index.js';
import { inAgentCollectors } from './in-agent-collectors.js';
import { INVENTORY_SCHEDULE } from './schedule.js';

describe('inAgentCollectors', () => {
  it('are every registered collector of the in-agent kinds, and nothing else', () => {
    const inAgentKinds = Object.entries(INVENTORY_SCHEDULE).filter(([, schedule]) => schedule.inAgent).map(([kind]) => kind);
    const registeredForThem = collectors.filter((collector) => inAgentKinds.includes(collector.kind));
    expect(new Set(inAgentCollectors)).toEqual(new Set(registeredForThem));
    expect(inAgentCollectors).toHaveLength(registeredForThem.length);
  });
});

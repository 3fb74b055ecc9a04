// Applies the agent's inventory deltas to the host's facts and raises change events.
import { z } from 'zod';
import { changeEvents } from '../../engines/inventory/change-events.js';
import type { FactDelta } from '../../engines/inventory/fact-delta.js';
import { isListFactKind } from '../../engines/inventory/fact-identity.js';
import type { ListFactKind } from '../../engines/inventory/fact-identity.js';
import { INVENTORY_DELTA, INVENTORY_HOST, INVENTORY_RESOURCES } from '../../model/agent-event-types.js';
import { factSchemas, HostInfo, Resources } from '../../model/inventory.js';
import { raiseEvent } from '../store/events.js';
import { applyFactDelta, storeHostInfo } from '../store/host-facts.js';
import { recordResourceSample } from '../store/resource-samples.js';
import type { EventProcessor } from './event-processor.js';

const DeltaEnvelope = z.object({ kind: z.string(), full: z.boolean(), upserted: z.array(z.unknown()).max(200_000), removed: z.array(z.string()).max(200_000) });

function parseDelta(data: unknown): FactDelta | string {
  const envelope = DeltaEnvelope.safeParse(data);
  if (!envelope.success) return `malformed inventory delta: ${envelope.error.issues[0]?.message}`;
  const { kind } = envelope.data;
  if (!isListFactKind(kind)) return `unknown inventory kind ${JSON.stringify(kind)}`;
  const rows = z.array(factSchemas[kind]).safeParse(envelope.data.upserted);
  if (!rows.success) return `malformed ${kind} row at ${rows.error.issues[0]?.path.join('.')}: ${rows.error.issues[0]?.message}`;
  return { kind: kind as ListFactKind, full: envelope.data.full, upserted: rows.data as FactDelta['upserted'], removed: envelope.data.removed };
}

export const inventoryProcessor: EventProcessor = {
  types: [INVENTORY_DELTA, INVENTORY_RESOURCES, INVENTORY_HOST],
  async process(event, { db, host, log, at }) {
    if (event.type === INVENTORY_HOST) {
      const info = HostInfo.safeParse(event.data);
      if (!info.success) return void log.warn({ hostId: host.id, seq: event.seq }, 'malformed host facts skipped');
      await storeHostInfo(db, host, info.data, at);
      return;
    }
    if (event.type === INVENTORY_RESOURCES) {
      const sample = Resources.safeParse(event.data);
      if (!sample.success) return void log.warn({ hostId: host.id, seq: event.seq }, 'malformed resource sample skipped');
      await recordResourceSample(db, host, sample.data);
      return;
    }
    const delta = parseDelta(event.data);
    if (typeof delta === 'string') return void log.warn({ hostId: host.id, seq: event.seq, problem: delta }, 'inventory delta skipped');
    const applied = await applyFactDelta(db, host, delta, at);
    for (const change of changeEvents(applied.changes, applied.baseline)) await raiseEvent(db, host, change, at);
  },
};

// Automatic blocking (issue 5, "Response"): when the tenant turned it on, a detection of a
// triggering type blocks its source on every host the attack reached, for the set time, unless
// the source is protected (protected-sources.ts). Runs inside the ingestion transaction, so the
// block, its order and its audit entry (actor `system`) commit with the detection's event. The
// agent's order long-poll re-checks within seconds, so no wake-up is needed from here.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { WhitelistRule } from '../../engines/login/whitelist.js';
import { normalizeAddress } from '../../engines/login/ip.js';
import type { LoginDetection } from '../../model/login.js';
import { recordAudit } from '../store/audit.js';
import { activeBlock, createBlock } from '../store/blocks.js';
import { tenantResponseSettings } from '../store/response-settings.js';
import type { Database } from '../store/schema.js';
import { TenantScope } from '../store/tenant-scope.js';
import { orderBlock } from './block-orders.js';
import { whyNotBlock } from './protected-sources.js';

export const SYSTEM_ACTOR = 'system';

export interface BlockTrigger {
  readonly detection: LoginDetection;
  readonly hostIds: readonly string[];
  readonly eventId: number;
  readonly title: string;
}

export async function autoBlock(db: Kysely<Database>, tenantId: string, trigger: BlockTrigger, whitelists: readonly WhitelistRule[], at: string, log: Logger): Promise<void> {
  const { detection } = trigger;
  if (detection.sourceIp === null) return;
  const settings = await tenantResponseSettings(db, tenantId);
  if (!settings.autoBlock || !settings.triggers.includes(detection.type)) return;
  const source = normalizeAddress(detection.sourceIp);
  const scope = new TenantScope(db, tenantId, () => new Date(at));
  const hosts = trigger.hostIds.length === 0 ? [] : await scope.selectFrom('hosts').select(['id', 'ips']).where('id', 'in', [...trigger.hostIds]).execute();
  for (const host of hosts) {
    const refused = whyNotBlock(source, { hostId: host.id, hostIps: JSON.parse(host.ips) as string[], whitelists, managementCidrs: settings.managementCidrs, now: new Date(at) });
    if (refused) {
      log.info({ hostId: host.id, source, detection: detection.type, refused }, 'automatic block refused');
      continue;
    }
    if (await activeBlock(scope, host.id, source)) continue;
    const block = await createBlock(scope, { hostId: host.id, source, reason: trigger.title, eventId: trigger.eventId, seconds: settings.blockSeconds, createdBy: SYSTEM_ACTOR });
    const order = await orderBlock(scope, block, null);
    await recordAudit(scope, {
      actorId: null,
      actorName: SYSTEM_ACTOR,
      action: 'block.created',
      targetType: 'block',
      targetId: block.id,
      details: { source, hostId: host.id, eventId: trigger.eventId, detection: detection.type, expiresAt: block.expiresAt, orderId: order.id, automatic: true },
    });
    log.info({ hostId: host.id, source, blockId: block.id, expiresAt: block.expiresAt }, 'source blocked automatically');
  }
}

// "Add to whitelist" from a login event: the server proposes a rule built from the event (its
// source address, its user, its host); the console lets the analyst widen or narrow it and then
// creates it with POST /api/v1/whitelists. Nothing is stored here.
import { z } from 'zod';
import { asCidr } from '../../engines/login/whitelist.js';
import { networkOf } from '../../engines/login/ip.js';
import { LoginDetectionType } from '../../model/login.js';
import { WhitelistProposal } from '../../model/whitelist.js';
import { getEvent } from '../store/events.js';
import { badRequest, notFound } from './errors.js';
import { route } from './route.js';

const loginTypes: ReadonlySet<string> = new Set(LoginDetectionType.options);

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export const eventWhitelistRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/events/:id/whitelist-proposal',
    summary: 'A whitelist rule built from a login event (source, user, host), to edit and create',
    tag: 'events',
    access: 'triage',
    params: z.object({ id: z.coerce.number().int().positive() }),
    response: WhitelistProposal,
    async handler({ params, scope }) {
      const event = await getEvent(scope(), params.id);
      if (!event) throw notFound('event');
      if (!loginTypes.has(event.type)) throw badRequest(`event ${event.id} is a ${event.type} event; only login events can be whitelisted`);
      const sourceIp = textOf(event.details.sourceIp);
      // A source that is not an address (a hostname sshd could not resolve) cannot make a rule.
      const address = sourceIp !== null && asCidr(sourceIp) !== null ? sourceIp : null;
      const user = textOf(event.details.user);
      if (address === null && user === null) throw badRequest(`event ${event.id} names neither a source address nor a user to whitelist`);
      const name = [user ? `user ${user}` : null, address ? `from ${address}` : null].filter(Boolean).join(' ');
      return {
        eventId: event.id,
        rule: { name: `Expected: ${name} (event ${event.id})`, source: address, user, hostIds: event.hostId ? [event.hostId] : [], hours: null, expiresAt: null },
        choices: { address, network: address ? networkOf(address) : null, user, hostId: event.hostId, hostname: event.hostname },
      };
    },
  }),
];

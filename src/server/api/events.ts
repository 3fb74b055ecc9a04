// The event stream of the tenant: list with filters, one event, and status changes (one or many).
import { z } from 'zod';
import { PageQuery, pageOf } from '../../model/common.js';
import { EventQuery, EventStatusChange, SecurityEvent } from '../../model/event.js';
import { getEvent, listEvents, setEventStatus } from '../store/events.js';
import { notFound } from './errors.js';
import { route } from './route.js';

export const eventRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/events',
    summary: 'Security events, newest first, filtered by host, type, threat level and status',
    tag: 'events',
    access: 'read',
    query: PageQuery.extend(EventQuery.shape),
    response: pageOf(SecurityEvent),
    async handler({ query, scope }) {
      const page = { limit: query.limit, offset: query.offset };
      return { ...(await listEvents(scope(), query, page)), ...page };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/events/:id',
    summary: 'One event',
    tag: 'events',
    access: 'read',
    params: z.object({ id: z.coerce.number().int().positive() }),
    response: SecurityEvent,
    async handler({ params, scope }) {
      const event = await getEvent(scope(), params.id);
      if (!event) throw notFound('event');
      return event;
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/events/status',
    summary: 'Set the processing status of events (handled, ignored, whitelisted, pending)',
    tag: 'events',
    access: 'triage',
    body: EventStatusChange,
    response: z.object({ updated: z.array(z.number().int()) }),
    async handler({ body, scope, user, audit }) {
      const updated = await setEventStatus(scope(), body.ids, body.status, user().username);
      if (updated.length > 0) await audit({ action: 'event.status_changed', targetType: 'event', targetId: updated.join(','), details: { status: body.status, ids: updated } });
      return { updated };
    },
  }),
];

// The tenant's container registries (issue 7 part 7): CRUD for managers (audited, the password
// never in an answer, a log line or the audit details), a connection test and "sync now".
import { z } from 'zod';
import { Id } from '../../model/common.js';
import { CreateRegistry, Registry, RegistryTestResult, SyncSummary, UpdateRegistry } from '../../model/registry-api.js';
import { describeRegistryError } from '../registry-endpoint.js';
import { createRegistry, deleteRegistry, findRegistry, listRegistries, presentOne, registryNameTaken, updateRegistry } from '../store/registries.js';
import { ApiError, notFound } from './errors.js';
import { route } from './route.js';

const nameTaken = () => new ApiError(409, 'conflict', 'a registry with that name exists');

/** What the audit log keeps of a registry body: every field but the password, which only says it changed. */
function auditable(body: Partial<CreateRegistry>): Record<string, unknown> {
  const { password, ...rest } = body;
  return { ...rest, ...(password !== undefined ? { password: password === '' ? 'removed' : 'set' } : {}) };
}

export const registryRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/registries',
    summary: 'Container registries of the tenant, with their sync state',
    tag: 'registries',
    access: 'read',
    response: z.object({ items: z.array(Registry) }),
    async handler({ scope }) {
      return { items: await listRegistries(scope()) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/registries',
    summary: 'Connect a registry (docker-registry v2 or Harbor-compatible); the password or token is stored encrypted and never returned',
    tag: 'registries',
    access: 'manage',
    body: CreateRegistry,
    response: Registry,
    status: 201,
    async handler({ body, scope, server, audit }) {
      if (await registryNameTaken(scope(), body.name)) throw nameTaken();
      const row = await createRegistry(scope(), body, server.secrets);
      await audit({ action: 'registry.created', targetType: 'registry', targetId: row.id, details: auditable(body) });
      return presentOne(scope(), row);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/registries/:id',
    summary: 'One registry',
    tag: 'registries',
    access: 'read',
    params: z.object({ id: Id }),
    response: Registry,
    async handler({ params, scope }) {
      const row = await findRegistry(scope(), params.id);
      if (!row) throw notFound('registry');
      return presentOne(scope(), row);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/registries/:id',
    summary: 'Change a registry; a password given replaces the stored one ("" removes it), one left out is kept',
    tag: 'registries',
    access: 'manage',
    params: z.object({ id: Id }),
    body: UpdateRegistry,
    response: Registry,
    async handler({ params, body, scope, server, audit }) {
      const row = await findRegistry(scope(), params.id);
      if (!row) throw notFound('registry');
      if (body.name !== undefined && (await registryNameTaken(scope(), body.name, row.id))) throw nameTaken();
      const updated = await updateRegistry(scope(), row, body, server.secrets);
      await audit({ action: 'registry.updated', targetType: 'registry', targetId: row.id, details: { name: updated.name, changed: auditable(body) } });
      return presentOne(scope(), updated);
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/registries/:id',
    summary: 'Remove a registry with its images and their scan history',
    tag: 'registries',
    access: 'manage',
    params: z.object({ id: Id }),
    response: Registry,
    async handler({ params, scope, audit }) {
      const row = await findRegistry(scope(), params.id);
      if (!row) throw notFound('registry');
      const presented = await presentOne(scope(), row);
      await deleteRegistry(scope(), row.id);
      await audit({ action: 'registry.deleted', targetType: 'registry', targetId: row.id, details: { name: row.name, url: row.url } });
      return presented;
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/registries/:id/test',
    summary: 'Test the connection: reach /v2/ with the credentials and read the first catalog page; the outcome becomes the registry status',
    tag: 'registries',
    access: 'manage',
    params: z.object({ id: Id }),
    response: RegistryTestResult,
    async handler({ params, scope, server, audit }) {
      const row = await findRegistry(scope(), params.id);
      if (!row) throw notFound('registry');
      const result = await server.registrySync.test(row);
      await audit({ action: 'registry.tested', targetType: 'registry', targetId: row.id, details: { name: row.name, ok: result.ok, message: result.message } });
      return result;
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/registries/:id/sync',
    summary: 'Sync now: list repositories and tags, queue scans of new and changed tags (and of those due a rescan)',
    tag: 'registries',
    access: 'manage',
    params: z.object({ id: Id }),
    response: SyncSummary,
    async handler({ params, scope, server, audit }) {
      const row = await findRegistry(scope(), params.id);
      if (!row) throw notFound('registry');
      let summary;
      try {
        summary = await server.registrySync.sync(row);
      } catch (error) {
        throw new ApiError(502, 'registry_error', describeRegistryError(error));
      }
      await audit({ action: 'registry.synced', targetType: 'registry', targetId: row.id, details: { name: row.name, ...summary, problems: summary.problems.length } });
      return summary;
    },
  }),
];

// Mounts the route list on Fastify: authenticate, check the permission, validate params, query
// and body with the route's zod schemas, run the handler. Nothing else in the server touches
// request parsing, so every route answers bad input the same way.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authenticateAgent, authenticateUser } from '../auth/principal.js';
import type { AgentPrincipal, UserPrincipal } from '../auth/principal.js';
import { can } from '../auth/roles.js';
import type { ServerContext } from '../context.js';
import { recordAudit } from '../store/audit.js';
import { TenantScope } from '../store/tenant-scope.js';
import { AgentStrikes } from './agent-strikes.js';
import { ApiError, badRequest, forbidden, unauthorized } from './errors.js';
import type { AnyRoute, HandlerContext } from './route.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
    throw badRequest(`invalid ${where}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, { issues });
  }
  return result.data;
}


export function registerRoutes(app: FastifyInstance, server: ServerContext, routes: readonly AnyRoute[]): void {
  const strikes = new AgentStrikes(server.clock);
  const seen = new Set<string>();
  for (const spec of routes) {
    const key = `${spec.method} ${spec.path}`;
    if (seen.has(key)) throw new Error(`duplicate route ${key}`);
    seen.add(key);
    app.route({
      method: spec.method,
      url: spec.path,
      bodyLimit: spec.bodyLimit ?? DEFAULT_BODY_LIMIT,
      handler: async (request, reply) => {
        let user: UserPrincipal | null = null;
        let agent: AgentPrincipal | null = null;
        if (spec.access === 'agent') {
          agent = await authenticateAgent(request, server);
          if (!agent) throw unauthorized('unknown or revoked agent credential');
          if (strikes.isCutOff(agent.host.id)) throw new ApiError(429, 'agent_cut_off', 'too many malformed requests from this agent; try again later');
        } else if (spec.access !== 'public') {
          user = await authenticateUser(request, server);
          if (!user) throw unauthorized();
          if (!can(user.role, spec.access)) throw forbidden();
        }
        let params: unknown, query: unknown, body: unknown;
        try {
          params = parse(spec.params, request.params, 'params');
          query = parse(spec.query, request.query, 'query');
          body = parse(spec.body, request.body, 'body');
        } catch (error) {
          if (agent) {
            server.log.warn({ hostId: agent.host.id, route: key, error: (error as Error).message }, 'malformed request from agent');
            strikes.record(agent.host.id);
          }
          throw error;
        }
        const context = handlerContext(server, request, reply, user, agent, { params, query, body });
        const result = await spec.handler(context);
        reply.code(spec.status ?? 200);
        return result;
      },
    });
  }
}

function handlerContext(
  server: ServerContext,
  request: FastifyRequest,
  reply: HandlerContext<unknown, unknown, unknown>['reply'],
  user: UserPrincipal | null,
  agent: AgentPrincipal | null,
  input: { params: unknown; query: unknown; body: unknown },
): HandlerContext<unknown, unknown, unknown> {
  let scope: TenantScope | undefined;
  const requireUser = () => {
    if (!user) throw unauthorized();
    return user;
  };
  return {
    ...input,
    server,
    request,
    reply,
    user: requireUser,
    scope: () => (scope ??= new TenantScope(server.store.db, requireUser().tenantId, server.clock)),
    agent: () => {
      if (!agent) throw unauthorized('agent credential required');
      return agent;
    },
    audit: async (entry) => {
      const actor = requireUser();
      await recordAudit(new TenantScope(server.store.db, actor.tenantId, server.clock), {
        ...entry,
        actorId: actor.userId,
        actorName: actor.via === 'token' ? `${actor.username} (API token)` : actor.username,
        sourceIp: request.ip,
      });
    },
  };
}

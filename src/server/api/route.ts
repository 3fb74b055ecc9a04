// A route is data: method, path, who may call it, zod schemas for what comes in and goes out, and
// a handler (STYLE.md habit 8: auth → validate → handler → presenter). The same list drives
// Fastify, the OpenAPI document and the tenant-isolation test that walks every route.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AgentPrincipal, UserPrincipal } from '../auth/principal.js';
import type { Permission } from '../auth/roles.js';
import type { ServerContext } from '../context.js';
import type { AuditRecord } from '../store/audit.js';
import type { TenantScope } from '../store/tenant-scope.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: anyone; a Permission: a logged-in user holding it; `agent`: an enrolled agent. */
export type Access = 'public' | 'agent' | Permission;

export interface HandlerContext<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly server: ServerContext;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** The calling user; throws for public and agent routes. */
  user(): UserPrincipal;
  /** The calling user's tenant: the only way a handler reaches tenant data. */
  scope(): TenantScope;
  agent(): AgentPrincipal;
  /** Records a change in the audit log of the caller's tenant. */
  audit(entry: Omit<AuditRecord, 'actorId' | 'actorName' | 'sourceIp'>): Promise<void>;
}

export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  /** Status of a successful answer (default 200). */
  readonly status?: number;
  /** Largest accepted body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  handler(context: HandlerContext<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<z.infer<R>>;
}

export type AnyRoute = RouteSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Keeps the schema types of one route together while the list stays uniformly typed. */
export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(spec: RouteSpec<P, Q, B, R>): AnyRoute {
  return spec as unknown as AnyRoute;
}

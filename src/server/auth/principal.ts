// Who is calling: a user (by session cookie or API token) or an agent (by its credential).
// Brings in the request.cookies type of @fastify/cookie, which the app registers.
import '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../model/account.js';
import type { ServerContext } from '../context.js';
import { findApiToken } from '../store/api-tokens.js';
import { findHostByCredential } from '../store/hosts.js';
import type { HostRow } from '../store/hosts.js';
import { findSessionUserId } from '../store/sessions.js';
import { findUserById } from '../store/users.js';
import { secretKind } from './secrets.js';

export const SESSION_COOKIE = 'palisade_session';

export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly username: string;
  readonly tenantId: string;
  /** The effective role: a token's role, or the user's own. */
  readonly role: Role;
  readonly via: 'session' | 'token';
  readonly sessionToken?: string;
}

export interface AgentPrincipal {
  readonly kind: 'agent';
  readonly host: HostRow;
}

export type Principal = UserPrincipal | AgentPrincipal;

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export async function authenticateUser(request: FastifyRequest, server: ServerContext): Promise<UserPrincipal | null> {
  const now = server.clock();
  const token = bearer(request);
  if (token) {
    if (secretKind(token) !== 'api') return null;
    const row = await findApiToken(server.store.db, token, now);
    if (!row) return null;
    const user = await findUserById(server.store.db, row.user_id);
    if (!user || user.disabled) return null;
    return { kind: 'user', userId: user.id, username: user.username, tenantId: user.tenant_id, role: row.role as Role, via: 'token' };
  }
  const session = request.cookies[SESSION_COOKIE];
  if (!session) return null;
  const userId = await findSessionUserId(server.store.db, session, now);
  if (!userId) return null;
  const user = await findUserById(server.store.db, userId);
  if (!user || user.disabled) return null;
  return { kind: 'user', userId: user.id, username: user.username, tenantId: user.tenant_id, role: user.role as Role, via: 'session', sessionToken: session };
}

export async function authenticateAgent(request: FastifyRequest, server: ServerContext): Promise<AgentPrincipal | null> {
  const token = bearer(request);
  if (!token || secretKind(token) !== 'agent') return null;
  const host = await findHostByCredential(server.store.db, token);
  if (!host || host.uninstalled_at) return null;
  return { kind: 'agent', host };
}

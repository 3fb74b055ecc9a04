// Login, logout, the current user and password change.
import { z } from 'zod';
import { ChangePasswordRequest, LoginRequest, Me } from '../../model/account.js';
import { hashPassword, unknownUserHash, verifyPassword } from '../auth/passwords.js';
import { SESSION_COOKIE } from '../auth/principal.js';
import { TenantScope } from '../store/tenant-scope.js';
import { getTenant } from '../store/tenants.js';
import { createSession, deleteSession, deleteUserSessions, SESSION_HOURS } from '../store/sessions.js';
import { findUserById, findUserByUsername, presentUser, setPassword } from '../store/users.js';
import { recordAudit } from '../store/audit.js';
import { ApiError, badRequest } from './errors.js';
import { route } from './route.js';

const Ok = z.object({ ok: z.literal(true) });
const INVALID_LOGIN = 'invalid username or password';

export const authRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Log in with a user name and password; sets an http-only session cookie',
    tag: 'auth',
    access: 'public',
    body: LoginRequest,
    response: Me,
    async handler({ body, server, request, reply }) {
      const address = request.ip;
      const wait = server.loginLimiter.retryAfterMs(address, body.username);
      if (wait > 0) {
        reply.header('retry-after', Math.ceil(wait / 1000));
        throw new ApiError(429, 'too_many_attempts', 'too many failed logins; try again later');
      }
      const user = await findUserByUsername(server.store.db, body.username);
      // Always verify a hash, so an unknown user costs as much time as a wrong password.
      const valid = await verifyPassword(body.password, user?.password_hash ?? (await unknownUserHash));
      if (!user || !valid || user.disabled) {
        server.loginLimiter.recordFailure(address, body.username);
        server.log.info({ username: body.username, address }, 'console login failed');
        throw new ApiError(401, 'invalid_credentials', INVALID_LOGIN);
      }
      server.loginLimiter.recordSuccess(address, body.username);
      const token = await createSession(server.store.db, user, server.clock());
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: request.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      await recordAudit(new TenantScope(server.store.db, user.tenant_id, server.clock), {
        actorId: user.id,
        actorName: user.username,
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        sourceIp: address,
      });
      const tenant = await getTenant(server.store.db, user.tenant_id);
      return { ...presentUser(user), tenantName: tenant?.name ?? '' };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'End the current session',
    tag: 'auth',
    access: 'read',
    response: Ok,
    async handler({ server, user, reply }) {
      const principal = user();
      if (principal.sessionToken) await deleteSession(server.store.db, principal.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/auth/me',
    summary: 'The logged-in user',
    tag: 'auth',
    access: 'read',
    response: Me,
    async handler({ server, user }) {
      const row = await findUserById(server.store.db, user().userId);
      if (!row) throw new ApiError(401, 'unauthorized', 'authentication required');
      const tenant = await getTenant(server.store.db, row.tenant_id);
      return { ...presentUser(row), role: user().role, tenantName: tenant?.name ?? '' };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/auth/password',
    summary: 'Change your own password; ends your other sessions',
    tag: 'auth',
    access: 'read',
    body: ChangePasswordRequest,
    response: Ok,
    async handler({ body, server, user, scope, audit }) {
      const principal = user();
      if (principal.via !== 'session') throw new ApiError(403, 'forbidden', 'passwords are changed in a browser session, not with an API token');
      const row = await findUserById(server.store.db, principal.userId);
      if (!row || !(await verifyPassword(body.currentPassword, row.password_hash))) throw badRequest('the current password is wrong');
      if (body.currentPassword === body.newPassword) throw badRequest('the new password must differ from the current one');
      await setPassword(scope(), principal.userId, await hashPassword(body.newPassword));
      await deleteUserSessions(server.store.db, principal.userId, principal.sessionToken);
      await audit({ action: 'user.password_changed', targetType: 'user', targetId: principal.userId });
      return { ok: true as const };
    },
  }),
];

// Users of the caller's tenant.
import { z } from 'zod';
import { CreateUserRequest, UpdateUserRequest, User } from '../../model/account.js';
import { Id } from '../../model/common.js';
import { hashPassword } from '../auth/passwords.js';
import { canGrant } from '../auth/roles.js';
import { deleteUserSessions } from '../store/sessions.js';
import { createUser, findUserByUsername, getUser, listUsers, presentUser, updateUser } from '../store/users.js';
import { ApiError, forbidden, notFound } from './errors.js';
import { route } from './route.js';

export const userRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/users',
    summary: 'List users of your tenant',
    tag: 'users',
    access: 'manage',
    response: z.object({ items: z.array(User) }),
    async handler({ scope }) {
      return { items: await listUsers(scope()) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/users',
    summary: 'Create a user in your tenant',
    tag: 'users',
    access: 'manage',
    body: CreateUserRequest,
    response: User,
    status: 201,
    async handler({ body, scope, server, user, audit }) {
      if (!canGrant(user().role, body.role)) throw forbidden(`your role cannot create ${body.role} users`);
      if (await findUserByUsername(server.store.db, body.username)) throw new ApiError(409, 'conflict', 'that user name is taken');
      const created = await createUser(scope(), { username: body.username, passwordHash: await hashPassword(body.password), role: body.role, mustChangePassword: true });
      await audit({ action: 'user.created', targetType: 'user', targetId: created.id, details: { username: body.username, role: body.role } });
      return created;
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/users/:id',
    summary: 'One user of your tenant',
    tag: 'users',
    access: 'manage',
    params: z.object({ id: Id }),
    response: User,
    async handler({ params, scope }) {
      const row = await getUser(scope(), params.id);
      if (!row) throw notFound('user');
      return presentUser(row);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/users/:id',
    summary: "Change a user's role or disable them",
    tag: 'users',
    access: 'manage',
    params: z.object({ id: Id }),
    body: UpdateUserRequest,
    response: User,
    async handler({ params, body, scope, server, user, audit }) {
      const row = await getUser(scope(), params.id);
      if (!row) throw notFound('user');
      const caller = user();
      if (!canGrant(caller.role, row.role as User['role']) || (body.role && !canGrant(caller.role, body.role))) throw forbidden();
      if (row.id === caller.userId && (body.disabled || body.role)) throw forbidden('you cannot change your own role or disable yourself');
      const updated = await updateUser(scope(), params.id, body);
      if (body.disabled) await deleteUserSessions(server.store.db, params.id);
      await audit({ action: 'user.updated', targetType: 'user', targetId: params.id, details: body });
      return updated ?? presentUser(row);
    },
  }),
];

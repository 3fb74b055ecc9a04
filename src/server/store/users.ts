// Users of a tenant. Lookups by user name for login are global (user names are unique across
// tenants, so a person logs in without naming a tenant); everything else is tenant-scoped.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Role, User } from '../../model/account.js';
import type { Database, UserTable } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

export type UserRow = Selectable<UserTable>;

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    role: row.role as Role,
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
  };
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | null> {
  return (await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()) ?? null;
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | null> {
  return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export interface NewUser {
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly mustChangePassword?: boolean;
}

export async function createUser(scope: TenantScope, user: NewUser): Promise<User> {
  const now = scope.now();
  const row = {
    id: randomUUID(),
    username: user.username,
    password_hash: user.passwordHash,
    role: user.role,
    must_change_password: user.mustChangePassword ? 1 : 0,
    disabled: 0,
    created_at: now,
    password_changed_at: now,
  };
  await scope.insertInto('users', row).execute();
  return presentUser({ ...row, tenant_id: scope.tenantId });
}

export async function listUsers(scope: TenantScope): Promise<User[]> {
  const rows = await scope.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(presentUser);
}

export async function getUser(scope: TenantScope, id: string): Promise<UserRow | null> {
  return (await scope.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function updateUser(scope: TenantScope, id: string, changes: { role?: Role; disabled?: boolean }): Promise<User | null> {
  const values: Partial<UserTable> = {};
  if (changes.role !== undefined) values.role = changes.role;
  if (changes.disabled !== undefined) values.disabled = changes.disabled ? 1 : 0;
  if (Object.keys(values).length > 0) await scope.updateTable('users').set(values).where('id', '=', id).execute();
  const row = await getUser(scope, id);
  return row ? presentUser(row) : null;
}

export async function setPassword(scope: TenantScope, id: string, passwordHash: string): Promise<void> {
  await scope
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 0, password_changed_at: scope.now() })
    .where('id', '=', id)
    .execute();
}

import * as z from 'zod';

export const Role = z.enum(['admin', 'supervisor', 'agent', 'customer']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const UserView = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: Role, active: z.boolean() })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

export const UpsertUserBody = z
  .strictObject({ email: z.email().max(254), name: z.string().trim().min(1).max(200), role: Role, active: z.boolean().default(true) })
  .meta({ id: 'UpsertUserBody' });
export type UpsertUserBody = z.infer<typeof UpsertUserBody>;

export const UserIdParams = z.strictObject({ userId: z.string().min(1).max(128).regex(/^[A-Za-z0-9_@.:-]+$/, 'not a valid user id') });
export const UserList = z.object({ items: z.array(UserView) }).meta({ id: 'UserList' });

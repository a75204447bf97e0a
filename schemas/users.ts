import * as z from 'zod';
import { Availability, Skill, Tier } from './team';
import { Id } from './common';

export const Role = z.enum(['admin', 'supervisor', 'agent', 'customer']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const DEFAULT_CAPACITY = 10;

export const UserView = z
  .object({
    id: z.string(), email: z.string(), name: z.string(), role: Role, active: z.boolean(),
    departmentIds: z.array(z.string()).optional(),
    tier: z.number().int().nullable().optional(),
    skills: z.array(z.string()).optional(),
    capacity: z.number().int().optional(),
    availability: Availability.optional(),
    openAssigned: z.number().int().optional().describe('Open tickets assigned now (staff only)'),
    mailNotifications: z.enum(['immediate', 'off']).describe('Mail on assignment and customer replies (staff)'),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

export const UpsertUserBody = z
  .strictObject({
    email: z.email().max(254), name: z.string().trim().min(1).max(200), role: Role, active: z.boolean().default(true),
    departmentIds: z.array(Id).max(20).optional().describe('Kept as they were when omitted'),
    tier: Tier.nullable().optional(),
    skills: z.array(Skill).max(50).optional(),
    capacity: z.number().int().min(0).max(1000).optional().describe(`Max open assigned tickets; default ${DEFAULT_CAPACITY}`),
    availability: Availability.optional(),
    mailNotifications: z.enum(['immediate', 'off']).optional().describe('Mail on assignment and customer replies (staff); default immediate'),
  })
  .meta({ id: 'UpsertUserBody' });
export type UpsertUserBody = z.infer<typeof UpsertUserBody>;

export const UserIdParams = z.strictObject({ userId: z.string().min(1).max(128).regex(/^[A-Za-z0-9_@.:-]+$/, 'not a valid user id') });
export const UserList = z.object({ items: z.array(UserView) }).meta({ id: 'UserList' });

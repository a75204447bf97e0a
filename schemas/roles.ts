import * as z from 'zod';

/**
 * The roles, and which of them are staff: the one definition for tokens, routes, views,
 * WebSocket rooms and notifications. Listed highest first, so a user in several groups acts
 * with the most trusted of them.
 */
export const ROLES = ['admin', 'supervisor', 'agent', 'customer'] as const;
export const Role = z.enum(ROLES).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

export const STAFF_ROLES = ['admin', 'supervisor', 'agent'] as const satisfies readonly Role[];
export const SUPERVISOR_ROLES = ['admin', 'supervisor'] as const satisfies readonly Role[];

/** Whether a role (as stored on a message, an activity or a connection) is staff; `system` and unknown ones are not. */
export const isStaffRole = (role: string): boolean => (STAFF_ROLES as readonly string[]).includes(role);
export const isSupervisorRole = (role: string): boolean => (SUPERVISOR_ROLES as readonly string[]).includes(role);

/** The most trusted helpdesk role among a token's groups; undefined when it has none. */
export const highestRole = (groups: readonly string[]): Role | undefined => ROLES.find((role) => groups.includes(role));

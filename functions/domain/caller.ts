import type { Role } from '../../schemas/users';

/** Who is acting: always from a verified token, never from a request body. */
export interface Caller {
  orgId: string;
  userId: string;
  email: string;
  name?: string;
  role: Role;
}

const STAFF: readonly Role[] = ['admin', 'supervisor', 'agent'];
export const isStaff = (caller: Pick<Caller, 'role'>) => STAFF.includes(caller.role);
export const isSupervisor = (caller: Pick<Caller, 'role'>) => caller.role === 'admin' || caller.role === 'supervisor';

/** Highest role first, so a user in several groups acts with the most trusted of them. */
const PRECEDENCE: readonly Role[] = ['admin', 'supervisor', 'agent', 'customer'];
export function highestRole(groups: readonly string[]): Role | undefined {
  return PRECEDENCE.find((role) => groups.includes(role));
}

import { isStaffRole } from '../../../schemas/roles';
import type { Availability } from '../../../schemas/team';
import { type Caller, isStaff, isSupervisor } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import type { User } from '../users/user.entity';
import { loadsOf } from './load-counters';
import { isConditionFailure } from '../store/cancellation-reasons';

/** The directory with each staff member's current load (staff only): two Queries of small org partitions. */
export async function listDirectory(deps: Deps, caller: Caller): Promise<{ user: User; openAssigned?: number }[]> {
  if (!isStaff(caller)) throw new ForbiddenError('customers may not list users');
  const [{ data }, loads] = await Promise.all([
    deps.store.entities.user.query.byOrg({ orgId: caller.orgId }).go({ pages: 'all' }),
    loadsOf(deps, caller.orgId),
  ]);
  return data.map((user) => ({ user, openAssigned: !isStaffRole(user.role) ? undefined : loads.get(user.userId)?.openAssigned ?? 0 }));
}

/**
 * Sets a staff member's availability: their own, or anyone's for an admin or supervisor.
 * Only `available` agents are routed tickets.
 * @throws ForbiddenError, NotFoundError (no such staff member)
 */
export async function setAvailability(deps: Deps, caller: Caller, userId: string, status: Availability): Promise<User> {
  if (!isStaff(caller)) throw new ForbiddenError('customers have no availability');
  if (userId !== caller.userId && !isSupervisor(caller)) throw new ForbiddenError('only admins and supervisors set others\' availability');
  try {
    const { data } = await deps.store.entities.user
      .patch({ orgId: caller.orgId, userId })
      .set({ availability: status, updatedAt: deps.now().toISOString() })
      .where((attr, op) => op.ne(attr.role, 'customer'))
      .go({ response: 'all_new' });
    return data as User;
  } catch (error) {
    if (isConditionFailure(error)) throw new NotFoundError('staff member', userId);
    throw error;
  }
}

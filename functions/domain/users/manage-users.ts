import { isStaffRole } from '../../../schemas/roles';
import { DEFAULT_CAPACITY, type UpsertUserBody, type UserView } from '../../../schemas/users';
import { assertDepartmentsExist } from '../team/manage-departments';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import type { User } from './user.entity';

export const toUserView = (user: User, openAssigned?: number): UserView => ({
  id: user.userId,
  email: user.email,
  name: user.name,
  role: user.role,
  active: user.active,
  ...(!isStaffRole(user.role) ? {} : {
    departmentIds: user.departmentIds ?? [],
    tier: user.tier ?? null,
    skills: user.skills ?? [],
    capacity: user.capacity ?? DEFAULT_CAPACITY,
    availability: user.availability ?? 'available',
    ...(openAssigned !== undefined ? { openAssigned } : {}),
  }),
  mailNotifications: user.mailNotifications ?? 'immediate',
});

/** The organization's directory (staff only): whom a ticket can be assigned to. */
export async function listUsers(deps: Deps, caller: Caller): Promise<User[]> {
  if (!isStaff(caller)) throw new ForbiddenError('customers may not list users');
  const { data } = await deps.store.entities.user.query.byOrg({ orgId: caller.orgId }).go({ pages: 'all' });
  return data;
}

/**
 * Adds or updates a directory entry. The id is the identity provider's subject (Cognito `sub`),
 * so tokens and the directory agree.
 * An admin cannot take their own admin role away or deactivate themselves: another admin
 * must, so the organization always keeps the admin who made the change (no race can leave it
 * with none, since each demotion is made by an admin who stays one).
 * @throws ForbiddenError unless the caller is an admin.
 * @throws RuleViolationError when an admin demotes or deactivates themselves.
 */
export async function upsertUser(deps: Deps, caller: Caller, userId: string, input: UpsertUserBody): Promise<User> {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage users');
  if (userId === caller.userId && input.role !== 'admin') {
    throw new RuleViolationError('an admin cannot take away their own admin role: another admin must', '#/role');
  }
  if (userId === caller.userId && input.active === false) {
    throw new RuleViolationError('an admin cannot deactivate themselves: another admin must', '#/active');
  }
  if (input.departmentIds?.length) await assertDepartmentsExist(deps, caller.orgId, input.departmentIds, '#/departmentIds');
  return saveUser(deps, caller.orgId, userId, input);
}

/** The write behind `upsertUser`, also used by the local seed. */
export async function saveUser(deps: Deps, orgId: string, userId: string, input: UpsertUserBody): Promise<User> {
  const now = deps.now().toISOString();
  const { data: existing } = await deps.store.entities.user.get({ orgId, userId }).go();
  const user: User = {
    orgId,
    userId,
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    active: input.active,
    // Team facts omitted from the body stay as they were (availability is the agent's own toggle).
    departmentIds: input.departmentIds ?? existing?.departmentIds,
    tier: input.tier === null ? undefined : input.tier ?? existing?.tier,
    skills: input.skills ?? existing?.skills,
    capacity: input.capacity ?? existing?.capacity,
    availability: input.availability ?? existing?.availability,
    mailNotifications: input.mailNotifications ?? existing?.mailNotifications ?? 'immediate',
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.store.entities.user.put(user).go();
  return user;
}

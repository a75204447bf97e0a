import { isStaffRole } from '../../../schemas/roles';
import { DEFAULT_CAPACITY, type UpsertUserBody, type UserView } from '../../../schemas/users';
import { assertDepartmentsExist } from '../team/manage-departments';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { EmailTakenError } from './errors';
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
 * @throws EmailTakenError when another entry of the directory holds the address.
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

/**
 * The write behind `upsertUser`, also used by the local seed. The entry and its email's holder
 * item commit in one transaction (a changed address frees the old one in it), so two entries
 * never share an address, whatever the race. An entry stored before holder items existed gets
 * its holder on its next save.
 * @throws EmailTakenError when another entry holds the address.
 */
export async function saveUser(deps: Deps, orgId: string, userId: string, input: UpsertUserBody): Promise<User> {
  const now = deps.now().toISOString();
  const email = input.email.toLowerCase();
  const { user: users, userEmail: holders } = deps.store.entities;
  const [{ data: existing }, { data: holder }] = await Promise.all([
    users.get({ orgId, userId }).go({ consistent: true }),
    holders.get({ orgId, email }).go({ consistent: true }),
  ]);
  if (holder && holder.userId !== userId) throw new EmailTakenError(email);
  const formerEmail = existing && existing.email !== email ? existing.email : undefined;
  const { data: formerHolder } = formerEmail ? await holders.get({ orgId, email: formerEmail }).go({ consistent: true }) : { data: null };
  const user: User = {
    orgId,
    userId,
    email,
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
  const freesFormer = formerEmail !== undefined && formerHolder?.userId === userId;
  if (holder && !freesFormer) {
    await users.put(user).go();
    return user;
  }
  const { canceled } = await deps.store.transaction
    .write(({ user: entry, userEmail }) => [
      entry.put(user).commit(),
      ...(holder ? [] : [userEmail.create({ orgId, email, userId, createdAt: now }).commit()]),
      ...(freesFormer ? [userEmail.delete({ orgId, email: formerEmail }).where(({ userId: owner }, { eq }) => eq(owner, userId)).commit()] : []),
    ])
    .go();
  if (canceled) {
    const { data: winner } = await holders.get({ orgId, email }).go({ consistent: true });
    if (winner && winner.userId !== userId) throw new EmailTakenError(email);
    throw new Error(`directory entry ${userId} of ${orgId} changed while it was saved; retry`);
  }
  return user;
}

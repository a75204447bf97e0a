import type { SlaPolicyView } from '../../../schemas/sla-api';
import { MAX_SLA_POLICIES, type SlaPolicyInput } from '../../../schemas/sla-policies';
import { type Caller, isStaff } from '../caller';
import { canonicalJson } from '../canonical-json';
import { DomainError, ForbiddenError, NotFoundError, VersionConflictError } from '../errors';
import { outboxJobOf } from '../outbox/outbox-jobs';
import { compileCalendar } from '../sla/calendar-days';
import type { Deps } from '../store/store';
import { forgetOrgPolicies, readOrgPolicies } from './policy-cache';
import type { PolicyRecomputeJob } from './policy-recompute-job';
import type { SlaPolicyItem } from './sla-policy.entity';

/** A policy write lost a race (another admin changed the policy or the default meanwhile). */
export class SlaPolicyConflictError extends DomainError {
  readonly code = 'sla-policy-conflict';
  readonly title = 'Conflict';
}

/** The organization already holds MAX_SLA_POLICIES policies. */
export class SlaPolicyLimitError extends DomainError {
  readonly code = 'sla-policy-limit';
  readonly title = 'Too many SLA policies';
  constructor() {
    super(`an organization holds at most ${MAX_SLA_POLICIES} SLA policies; delete one first`);
    this.extensions = { limit: MAX_SLA_POLICIES };
  }
}

/** The item every policy create moves (in the `counter` entity), so the count read before it holds. */
const CREATE_LOCK = 'sla-policy-creates';
const CREATE_ATTEMPTS = 5;

const view = (item: SlaPolicyItem, defaultId: string | null): SlaPolicyView => ({
  id: item.policyId, name: item.name, default: item.policyId === defaultId, calendar: item.calendar,
  targets: item.targets, conditions: item.conditions ?? null, order: item.order ?? 100, enabled: item.enabled ?? true,
  createdAt: item.createdAt, updatedAt: item.updatedAt, version: item.version,
});

function assertAdmin(caller: Caller) {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage SLA policies');
}

/** The org's policies, oldest first. @throws ForbiddenError for customers. */
export async function listSlaPolicies(deps: Deps, caller: Caller): Promise<SlaPolicyView[]> {
  if (!isStaff(caller)) throw new ForbiddenError('customers may not read SLA policies');
  const { policies, defaultId } = await readOrgPolicies(deps, caller.orgId);
  return policies.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((p) => view(p, defaultId));
}

/** @throws ForbiddenError for customers, NotFoundError. */
export async function getSlaPolicy(deps: Deps, caller: Caller, policyId: string): Promise<SlaPolicyView> {
  if (!isStaff(caller)) throw new ForbiddenError('customers may not read SLA policies');
  const { policies, defaultId } = await readOrgPolicies(deps, caller.orgId);
  const item = policies.find((p) => p.policyId === policyId);
  if (!item) throw new NotFoundError('SLA policy', policyId);
  return view(item, defaultId);
}

/**
 * Creates a policy; `default: true` moves the org's default pointer to it in the same
 * transaction (the old default stops being one), so there is never more than one.
 * @throws ForbiddenError (not admin), InvalidSlaCalendarError / NoBusinessHoursError, SlaPolicyConflictError.
 */
export async function createSlaPolicy(deps: Deps, caller: Caller, input: SlaPolicyInput): Promise<SlaPolicyView> {
  assertAdmin(caller);
  compileCalendar(input.calendar);
  const now = deps.now().toISOString();
  const item: SlaPolicyItem = {
    orgId: caller.orgId, policyId: deps.newId(), name: input.name, calendar: input.calendar, targets: input.targets,
    ...(input.conditions ? { conditions: input.conditions } : {}), order: input.order, enabled: input.enabled,
    createdAt: now, updatedAt: now, version: 1,
  };
  // The list is bounded, so ticket writes can match it in memory. The count is taken under a lock
  // item that every create moves, so two creates at 49 cannot both pass: the loser re-reads.
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
    const { data: lock } = await deps.store.entities.counter.get({ orgId: caller.orgId, name: CREATE_LOCK }).go({ consistent: true });
    const seen = lock ? Number(lock.value) : null;
    const { policies, defaultId } = await readOrgPolicies(deps, caller.orgId, { consistent: true });
    if (policies.length >= MAX_SLA_POLICIES) throw new SlaPolicyLimitError();
    const { canceled, data } = await deps.store.transaction
      .write(({ slaPolicy, slaDefaultPolicy, counter }) => [
        slaPolicy.create(item).commit(),
        counter
          .put({ orgId: caller.orgId, name: CREATE_LOCK, value: (seen ?? 0) + 1 })
          .where(({ value }, { eq, notExists }) => (seen === null ? notExists(value) : eq(value, seen)))
          .commit(),
        ...(input.default ? [pointTo(slaDefaultPolicy, caller.orgId, defaultId, item.policyId, now)] : []),
      ])
      .go();
    forgetOrgPolicies(deps.store, caller.orgId);
    if (!canceled) return view(item, input.default ? item.policyId : defaultId);
    const failed = (i: number) => (data as readonly ({ code?: string } | undefined)[])[i]?.code === 'ConditionalCheckFailed';
    if (input.default && failed(2)) throw new SlaPolicyConflictError('the default policy changed meanwhile; retry');
    if (!failed(1)) break;
  }
  throw new SlaPolicyConflictError('policies were created meanwhile; retry');
}

/**
 * Replaces a policy (name, calendar, targets, default flag, conditions, order, enabled). Tickets
 * already on a policy keep it until one of the fields its conditions look at changes. When its targets or calendar
 * change, a recompute job commits in the same transaction (the outbox): the stream carries it
 * to the recompute queue, and the open tickets following this policy are recomputed off the
 * request path (tickets/recompute-policy-tickets.ts). No policy is stored without its job.
 * Tickets keep the policy they started on, so moving the default flag recomputes nobody.
 * @throws ForbiddenError, NotFoundError, VersionConflictError (If-Match), SlaPolicyConflictError.
 */
export async function replaceSlaPolicy(
  deps: Deps, caller: Caller, policyId: string, input: SlaPolicyInput, expectedVersion?: number,
): Promise<SlaPolicyView> {
  assertAdmin(caller);
  compileCalendar(input.calendar);
  const { policies, defaultId } = await readOrgPolicies(deps, caller.orgId);
  const current = policies.find((p) => p.policyId === policyId);
  if (!current) throw new NotFoundError('SLA policy', policyId);
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw new VersionConflictError(policyId, current.version);
  const now = deps.now().toISOString();
  const next: SlaPolicyItem = {
    ...current, name: input.name, calendar: input.calendar, targets: input.targets, conditions: input.conditions ?? undefined,
    order: input.order, enabled: input.enabled, updatedAt: now, version: current.version + 1,
  };
  const wasDefault = defaultId === policyId;
  const timesChanged = canonicalJson([current.calendar, current.targets]) !== canonicalJson([next.calendar, next.targets]);
  const job: PolicyRecomputeJob = { orgId: caller.orgId, policyId, policyVersion: next.version, previousCalendar: current.calendar };
  const { canceled } = await deps.store.transaction
    .write(({ slaPolicy, slaDefaultPolicy, outboxJob }) => [
      slaPolicy
        .patch({ orgId: caller.orgId, policyId })
        .set({
          name: next.name, calendar: next.calendar, targets: next.targets, order: input.order, enabled: input.enabled, updatedAt: now,
          version: next.version, ...(input.conditions ? { conditions: input.conditions } : {}),
        })
        .remove(input.conditions ? [] : ['conditions'])
        .where(({ version }, { eq }) => eq(version, current.version))
        .commit(),
      ...(input.default && !wasDefault ? [pointTo(slaDefaultPolicy, caller.orgId, defaultId, policyId, now)] : []),
      ...(!input.default && wasDefault
        ? [slaDefaultPolicy.delete({ orgId: caller.orgId }).where(({ policyId: p }, { eq }) => eq(p, policyId)).commit()]
        : []),
      ...(timesChanged ? [outboxJob.create(outboxJobOf(deps, caller.orgId, 'job.sla-policy.recompute', job)).commit()] : []),
    ])
    .go();
  forgetOrgPolicies(deps.store, caller.orgId);
  if (canceled) throw new SlaPolicyConflictError('the policy or the default changed meanwhile; re-read and retry');
  const newDefault = input.default ? policyId : wasDefault ? null : defaultId;
  return view(next, newDefault);
}

/**
 * Deletes a policy; deleting the default leaves the org on the product defaults. Tickets that
 * followed it fall back to the org's default on their next recompute.
 * @throws ForbiddenError, NotFoundError, SlaPolicyConflictError.
 */
export async function deleteSlaPolicy(deps: Deps, caller: Caller, policyId: string): Promise<void> {
  assertAdmin(caller);
  const { policies, defaultId } = await readOrgPolicies(deps, caller.orgId);
  if (!policies.some((p) => p.policyId === policyId)) throw new NotFoundError('SLA policy', policyId);
  const { canceled } = await deps.store.transaction
    .write(({ slaPolicy, slaDefaultPolicy }) => [
      slaPolicy.delete({ orgId: caller.orgId, policyId }).where(({ policyId: p }, { exists }) => exists(p)).commit(),
      ...(defaultId === policyId
        ? [slaDefaultPolicy.delete({ orgId: caller.orgId }).where(({ policyId: p }, { eq }) => eq(p, policyId)).commit()]
        : []),
    ])
    .go();
  forgetOrgPolicies(deps.store, caller.orgId);
  if (canceled) throw new SlaPolicyConflictError('the policy changed meanwhile; re-read and retry');
}

/** Moves the default pointer, guarded on the default seen, so two admins cannot both win. */
function pointTo(
  entity: Parameters<Parameters<Deps['store']['transaction']['write']>[0]>[0]['slaDefaultPolicy'],
  orgId: string, seen: string | null, policyId: string, now: string,
) {
  return entity
    .put({ orgId, policyId, updatedAt: now })
    .where(({ policyId: p }, { eq, notExists }) => (seen ? eq(p, seen) : notExists(p)))
    .commit();
}

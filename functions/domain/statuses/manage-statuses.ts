import { type CustomStatusInput, type CustomStatusPatch, type CustomStatusView, MAX_CUSTOM_STATUSES } from '../../../schemas/statuses';
import type { TicketStatus } from '../../../schemas/ticket-enums';
import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import { isConditionFailure } from '../store/cancellation-reasons';
import type { Deps } from '../store/store';
import type { CustomStatus } from './custom-status.entity';

/** What a status reads as where no custom status says otherwise (staff and customers alike). */
export const DEFAULT_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  new: 'New',
  open: 'Open',
  in_progress: 'In progress',
  waiting_on_customer: 'Waiting on customer',
  waiting_on_third_party: 'Waiting on third party',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

export const toCustomStatusView = (s: CustomStatus): CustomStatusView => ({
  id: s.statusId, name: s.name, category: s.category, customerLabel: s.customerLabel ?? null, active: s.active,
  createdAt: s.createdAt, updatedAt: s.updatedAt,
});

const assertAdmin = (caller: Caller) => {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins manage custom statuses');
};

/**
 * Views of many tickets need the names: a container keeps the set briefly (one Query per
 * organization per half minute). A status unknown to the copy makes the reader fetch afresh,
 * so a new status shows at once; a rename reaches other containers within the TTL.
 */
const TTL_MS = 30_000;
const cache = new Map<string, { items: CustomStatus[]; until: number }>();

/** The organization's custom statuses (one Query of its small partition), cached briefly. */
export async function customStatusesOf(deps: Deps, orgId: string, options: { fresh?: boolean } = {}): Promise<CustomStatus[]> {
  const cached = cache.get(orgId);
  if (!options.fresh && cached && cached.until > Date.now()) return cached.items;
  const { data } = await deps.store.entities.customStatus.query.byOrg({ orgId }).go({ pages: 'all' });
  if (cache.size > 10_000) cache.clear();
  cache.set(orgId, { items: data, until: Date.now() + TTL_MS });
  return data;
}

/** Staff read the set (customers see labels on their tickets only). @throws ForbiddenError */
export async function listCustomStatuses(deps: Deps, caller: Caller): Promise<CustomStatus[]> {
  if (!isStaff(caller)) throw new ForbiddenError('customers do not manage statuses');
  return (await customStatusesOf(deps, caller.orgId, { fresh: true })).sort((a, b) => a.statusId.localeCompare(b.statusId));
}

/** One custom status, read consistently (a ticket write names it). @throws NotFoundError */
export async function getCustomStatus(deps: Deps, orgId: string, statusId: string): Promise<CustomStatus> {
  const { data } = await deps.store.entities.customStatus.get({ orgId, statusId }).go({ consistent: true });
  if (!data) throw new NotFoundError('custom status', statusId);
  return data;
}

/**
 * Creates a custom status (admin). Names are unique per organization, case-insensitive.
 * @throws ForbiddenError, RuleViolationError (name taken: `#/name`; more than MAX_CUSTOM_STATUSES)
 */
export async function createCustomStatus(deps: Deps, caller: Caller, input: CustomStatusInput): Promise<CustomStatus> {
  assertAdmin(caller);
  const existing = await customStatusesOf(deps, caller.orgId, { fresh: true });
  if (existing.length >= MAX_CUSTOM_STATUSES) throw new RuleViolationError(`an organization has at most ${MAX_CUSTOM_STATUSES} custom statuses`);
  assertNameFree(existing, input.name);
  const at = deps.now().toISOString();
  const item: CustomStatus = {
    orgId: caller.orgId, statusId: deps.newId(), name: input.name, category: input.category,
    ...(input.customerLabel ? { customerLabel: input.customerLabel } : {}), active: input.active, createdAt: at, updatedAt: at,
  };
  await deps.store.entities.customStatus.create(item).go();
  cache.delete(caller.orgId);
  return item;
}

/**
 * Renames, relabels or (de)activates a custom status (admin); its category never changes, as
 * tickets carrying it are in that category.
 * @throws ForbiddenError, NotFoundError, RuleViolationError (name taken)
 */
export async function updateCustomStatus(deps: Deps, caller: Caller, statusId: string, patch: CustomStatusPatch): Promise<CustomStatus> {
  assertAdmin(caller);
  if (patch.name !== undefined) assertNameFree((await customStatusesOf(deps, caller.orgId, { fresh: true })).filter((s) => s.statusId !== statusId), patch.name);
  const { customerLabel, ...rest } = patch;
  try {
    let op = deps.store.entities.customStatus.patch({ orgId: caller.orgId, statusId }).set({ ...rest, updatedAt: deps.now().toISOString() });
    if (customerLabel === null) op = op.remove(['customerLabel']);
    else if (customerLabel !== undefined) op = op.set({ customerLabel });
    const { data } = await op.go({ response: 'all_new' });
    cache.delete(caller.orgId);
    return data as CustomStatus;
  } catch (error) {
    if (isConditionFailure(error)) throw new NotFoundError('custom status', statusId);
    throw error;
  }
}

function assertNameFree(statuses: readonly CustomStatus[], name: string) {
  if (statuses.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw new RuleViolationError(`a custom status named "${name}" exists`, '#/name');
  }
}

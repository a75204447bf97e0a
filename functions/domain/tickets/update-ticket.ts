import type { Caller } from '../caller';
import { RuleViolationError, VersionConflictError } from '../errors';
import type { Deps } from '../store/store';
import { assertStaff } from './access';
import { activityOf } from './activities';
import { loadTicket, retryOnConflict } from './load-ticket';
import { type TicketChanges, type TicketPlan, planTicketUpdate } from './plan-ticket-update';
import { saveTicketChange } from './ticket-writes';
import { slaPolicyActivities, withSla } from './ticket-sla';
import type { Ticket } from './ticket.entity';
import { checkTicketChanges } from '../catalog/check-ticket-changes';

/**
 * Applies a staff change (fields, status, assignee) as one transaction with its activities.
 * With `expectedVersion` (If-Match) a concurrent change is a conflict; without it the change
 * is re-planned on the latest state.
 * @throws NotFoundError, ForbiddenError, IllegalTransitionError, RuleViolationError, VersionConflictError
 */
export async function updateTicket(
  deps: Deps,
  caller: Caller,
  ticketId: string,
  changes: TicketChanges,
  expectedVersion?: number,
): Promise<Ticket> {
  await checkTicketChanges(deps, caller, ticketId, changes);
  if (changes.customStatusId) changes = { ...changes, customStatusCategory: await customStatusCategory(deps, caller, changes.customStatusId) };
  return applyTicketPlan(deps, caller, ticketId, expectedVersion, (current) => planTicketUpdate(current, changes, caller, deps.now()));
}

/** The category of an active custom status a change names. @throws RuleViolationError (`#/customStatusId`) */
async function customStatusCategory(deps: Deps, caller: Caller, statusId: string) {
  const { data } = await deps.store.entities.customStatus.get({ orgId: caller.orgId, statusId }).go({ consistent: true });
  if (!data) throw new RuleViolationError(`no custom status ${statusId} in this organization`, '#/customStatusId');
  if (!data.active) throw new RuleViolationError(`custom status "${data.name}" is inactive`, '#/customStatusId');
  return data.category;
}

/** Load, plan, save with the version guard; shared by every staff change to a ticket. */
export async function applyTicketPlan(
  deps: Deps,
  caller: Caller,
  ticketId: string,
  expectedVersion: number | undefined,
  plan: (current: Ticket) => TicketPlan,
): Promise<Ticket> {
  const result = await retryOnConflict(async () => {
    const current = await loadTicket(deps, caller, ticketId);
    assertStaff(caller, 'change tickets');
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new VersionConflictError(ticketId, current.version);
    }
    const { next: planned, events, assigneeToCheck } = plan(current);
    if (events.length === 0) return current;
    const next = await withSla(deps, current, planned);
    const activities = [
      ...events.map((event) => activityOf(next, event.type, caller, deps.newId(), event)),
      ...slaPolicyActivities(deps, current, next, caller),
    ];
    const outcome = await saveTicketChange(deps, current, next, activities, { assigneeToCheck });
    if (outcome.ok) return next;
    if (outcome.reason === 'assignee-invalid') {
      throw new RuleViolationError(`${assigneeToCheck} is not an active agent of this organization`, '#/assigneeId');
    }
    if (expectedVersion !== undefined) throw new VersionConflictError(ticketId);
    return 'retry' as const;
  });
  if (result === 'retry') throw new VersionConflictError(ticketId);
  return result;
}

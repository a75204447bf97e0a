import type { EscalateTicketBody } from '../../../schemas/tickets';
import type { Caller } from '../caller';
import { RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import type { PlannedEvent, TicketPlan } from './plan-ticket-update';
import { diff } from './activities';
import { assertDepartmentsExist } from '../team/manage-departments';
import type { Ticket } from './ticket.entity';
import { isTerminal } from './transitions';
import { applyTicketPlan } from './update-ticket';

/**
 * Raises a ticket to an escalation tier (1-3) with a reason. Escalation is a flag and a
 * tier, not a status, so the status machine is untouched.
 * @throws RuleViolationError when the ticket is closed or already at that tier or above.
 */
export async function escalateTicket(
  deps: Deps,
  caller: Caller,
  ticketId: string,
  input: EscalateTicketBody,
  expectedVersion?: number,
): Promise<Ticket> {
  if (input.departmentId) await assertDepartmentsExist(deps, caller.orgId, [input.departmentId], '#/departmentId');
  return applyTicketPlan(deps, caller, ticketId, expectedVersion, (current) => planEscalation(current, input, deps.now()));
}

/**
 * The escalated state: a higher tier, and/or a department (the ticket is unassigned there and
 * routing picks an agent of it), and/or an agent who takes it. Pure.
 */
export function planEscalation(current: Ticket, input: EscalateTicketBody, now: Date): TicketPlan {
  if (isTerminal(current.status)) throw new RuleViolationError(`a ${current.status} ticket cannot be escalated`);
  if (input.tier !== undefined && current.escalated && input.tier <= current.escalationTier) {
    throw new RuleViolationError(`the ticket is already escalated to tier ${current.escalationTier}`, '#/tier');
  }
  const tier = input.tier ?? current.escalationTier;
  const next: Ticket = {
    ...current,
    escalated: true,
    escalationTier: tier,
    escalationReason: input.reason,
    escalatedAt: now.toISOString(),
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  if (input.departmentId) next.departmentId = input.departmentId;
  if (input.departmentId || input.assigneeId) {
    next.assigneeId = input.assigneeId;
    next.assigneeKey = input.assigneeId ?? 'unassigned';
  }
  const changes = diff(current, next, ['escalationTier', 'departmentId', 'assigneeId']);
  const { escalationTier: tierChange, ...handOver } = changes;
  const events: PlannedEvent[] = [{
    type: 'ticket.escalated',
    changes: { tier: tierChange ?? { from: current.escalationTier, to: tier }, ...handOver },
    data: { reason: input.reason, ...(input.departmentId ? { departmentId: input.departmentId } : {}), ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}) },
  }];
  if (changes.assigneeId) events.push({ type: 'ticket.assigned', changes: { assigneeId: changes.assigneeId } });
  return { next, events, assigneeToCheck: input.assigneeId && input.assigneeId !== current.assigneeId ? input.assigneeId : undefined };
}

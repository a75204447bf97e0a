import type { EscalateTicketBody } from '../../../schemas/tickets';
import type { Caller } from '../caller';
import { RuleViolationError } from '../errors';
import { isTerminalStatus } from '../status-groups';
import type { Deps } from '../store/store';
import type { TicketPlan } from './plan-ticket-update';
import type { Ticket } from './ticket.entity';
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
  return applyTicketPlan(deps, caller, ticketId, expectedVersion, (current) => planEscalation(current, input, deps.now()));
}

export function planEscalation(current: Ticket, input: EscalateTicketBody, now: Date): TicketPlan {
  if (isTerminalStatus(current.status)) throw new RuleViolationError(`a ${current.status} ticket cannot be escalated`);
  if (current.escalated && input.tier <= current.escalationTier) {
    throw new RuleViolationError(`the ticket is already escalated to tier ${current.escalationTier}`, '#/tier');
  }
  const next: Ticket = {
    ...current,
    escalated: true,
    escalationTier: input.tier,
    escalationReason: input.reason,
    escalatedAt: now.toISOString(),
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  return {
    next,
    events: [{ type: 'ticket.escalated', changes: { tier: { from: current.escalationTier, to: input.tier } }, data: { reason: input.reason } }],
  };
}

import type { AddMessageBody } from '../../../schemas/messages';
import type { BulkUpdateBody } from '../../../schemas/tickets';
import type { Caller } from '../caller';
import { DomainError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { assertStaff } from './access';
import { addMessage } from './add-message';
import { escalateTicket } from './escalate-ticket';
import { planTicketUpdate } from './plan-ticket-update';
import type { Ticket } from './ticket.entity';
import { applyTicketPlan } from './update-ticket';

export type BulkOutcome = { ticketId: string; ok: true; ticket: Ticket } | { ticketId: string; ok: false; error: DomainError };
export type BulkChanges = BulkUpdateBody['changes'];

const CONCURRENCY = 8;

/**
 * One ticket's part of a bulk change: the field changes (one version-guarded write), then
 * the escalation, then the message (`notify`), each an ordinary change with its activities.
 * @throws DomainError of the first step that fails (the earlier steps stay written).
 */
export async function applyBulkChange(deps: Deps, caller: Caller, ticketId: string, input: BulkChanges): Promise<Ticket> {
  const { addTags = [], removeTags = [], escalate, notify, ...changes } = input;
  let ticket: Ticket | undefined;
  if (Object.keys(changes).length > 0 || addTags.length || removeTags.length) {
    ticket = await applyTicketPlan(deps, caller, ticketId, undefined, (current) => {
      const tags = addTags.length || removeTags.length
        ? [...current.tags.filter((tag) => !removeTags.includes(tag)), ...addTags.filter((tag) => !current.tags.includes(tag))]
        : undefined;
      return planTicketUpdate(current, { ...changes, tags }, caller, deps.now());
    });
  }
  if (escalate) {
    if (escalate.tier === undefined && escalate.departmentId === undefined) throw new RuleViolationError('escalate names a tier or a department', '#/changes/escalate/tier');
    ticket = await escalateTicket(deps, caller, ticketId, escalate);
  }
  if (notify) {
    ticket = (await addMessage(deps, caller, ticketId, { body: notify.body, internal: notify.internal } as AddMessageBody)).ticket;
  }
  return ticket!;
}

/**
 * Applies the same change to up to 100 tickets; each ticket is its own transaction, so one
 * failure (missing, illegal transition) never blocks or rolls back the others.
 * @throws ForbiddenError for customers; unexpected errors of a single ticket propagate.
 */
export async function bulkUpdateTickets(deps: Deps, caller: Caller, input: { ticketIds: string[]; changes: BulkChanges }): Promise<BulkOutcome[]> {
  assertStaff(caller, 'bulk-update tickets');
  return applyToEach(deps, caller, input.ticketIds, input.changes);
}

/** The change applied to each ticket, CONCURRENCY at a time, each outcome reported. */
export async function applyToEach(deps: Deps, caller: Caller, ticketIds: readonly string[], changes: BulkChanges): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array(ticketIds.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < ticketIds.length) {
      const index = nextIndex++;
      const ticketId = ticketIds[index];
      try {
        outcomes[index] = { ticketId, ok: true, ticket: await applyBulkChange(deps, caller, ticketId, changes) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[index] = { ticketId, ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

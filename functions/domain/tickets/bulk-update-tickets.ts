import type { BulkUpdateBody } from '../../../schemas/tickets';
import type { Caller } from '../caller';
import { DomainError } from '../errors';
import type { Deps } from '../store/store';
import { assertStaff } from './access';
import { planTicketUpdate } from './plan-ticket-update';
import type { Ticket } from './ticket.entity';
import { applyTicketPlan } from './update-ticket';

export type BulkOutcome = { ticketId: string; ok: true; ticket: Ticket } | { ticketId: string; ok: false; error: DomainError };

const CONCURRENCY = 8;

/**
 * Applies the same change to up to 100 tickets; each ticket is its own transaction, so one
 * failure (missing, illegal transition) never blocks or rolls back the others.
 * @throws ForbiddenError for customers; unexpected errors of a single ticket propagate.
 */
export async function bulkUpdateTickets(deps: Deps, caller: Caller, input: BulkUpdateBody): Promise<BulkOutcome[]> {
  assertStaff(caller, 'bulk-update tickets');
  const { addTags = [], removeTags = [], ...changes } = input.changes;
  const outcomes: BulkOutcome[] = new Array(input.ticketIds.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < input.ticketIds.length) {
      const index = nextIndex++;
      const ticketId = input.ticketIds[index];
      try {
        const ticket = await applyTicketPlan(deps, caller, ticketId, undefined, (current) => {
          const tags = addTags.length || removeTags.length
            ? [...current.tags.filter((tag) => !removeTags.includes(tag)), ...addTags]
            : undefined;
          return planTicketUpdate(current, { ...changes, tags }, caller, deps.now());
        });
        outcomes[index] = { ticketId, ok: true, ticket };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[index] = { ticketId, ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

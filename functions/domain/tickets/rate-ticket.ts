import type { RateTicketBody } from '../../../schemas/sla-api';
import { type Caller, isStaff } from '../caller';
import { DomainError, ForbiddenError, RuleViolationError, VersionConflictError } from '../errors';
import type { Deps } from '../store/store';
import { activityOf } from './activities';
import { loadTicket, retryOnConflict } from './load-ticket';
import { saveTicketChange } from './ticket-writes';
import type { Ticket } from './ticket.entity';

export interface TicketRatingValue {
  score: number;
  comment: string | null;
  at: string;
}

/** A ticket is rated once. */
export class AlreadyRatedError extends DomainError {
  readonly code = 'already-rated';
  readonly title = 'Already Rated';
  constructor(ticketId: string) {
    super(`ticket ${ticketId} was already rated; a rating cannot be changed`);
  }
}

/**
 * The requester rates a resolved or closed ticket (1-5 and a comment), once; writes `ticket.rated`.
 * @throws ForbiddenError (staff), NotFoundError (not the requester's), RuleViolationError (not resolved or closed),
 *   AlreadyRatedError, VersionConflictError (contended past every retry).
 */
export async function rateTicket(deps: Deps, caller: Caller, ticketId: string, input: RateTicketBody): Promise<TicketRatingValue> {
  if (isStaff(caller)) throw new ForbiddenError('only the requester rates a ticket');
  const result = await retryOnConflict(async () => {
    const current = await loadTicket(deps, caller, ticketId);
    if (current.rating) throw new AlreadyRatedError(ticketId);
    if (current.status !== 'resolved' && current.status !== 'closed') {
      throw new RuleViolationError(`a ${current.status} ticket cannot be rated yet; it must be resolved or closed`);
    }
    const at = deps.now().toISOString();
    const rating: TicketRatingValue = { score: input.score, comment: input.comment ?? null, at };
    const next: Ticket = { ...current, rating, version: current.version + 1, updatedAt: at };
    const activity = activityOf(next, 'ticket.rated', caller, deps.newId(), {
      data: { score: input.score, ...(input.comment ? { comment: input.comment } : {}) },
    });
    const outcome = await saveTicketChange(deps, current, next, [activity]);
    return outcome.ok ? rating : ('retry' as const);
  });
  if (result === 'retry') throw new VersionConflictError(ticketId);
  return result;
}

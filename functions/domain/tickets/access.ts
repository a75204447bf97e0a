import { type Caller, isStaff } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import { maySeeTicket } from './customer-visibility';
import type { Ticket } from './ticket.entity';

/**
 * Whether the caller may see this ticket. The organization is already in the key, so an id
 * from another organization never loads; a customer sees only what they requested.
 */
export function canSeeTicket(caller: Caller, ticket: Pick<Ticket, 'orgId' | 'requesterEmail'>): boolean {
  return maySeeTicket(caller, ticket);
}

/** @throws NotFoundError when the ticket is missing or hidden from the caller (never 403: no existence leak). */
export function assertVisible<T extends Pick<Ticket, 'orgId' | 'requesterEmail'>>(
  caller: Caller,
  ticket: T | null | undefined,
  ticketId: string,
): T {
  if (!ticket || !canSeeTicket(caller, ticket)) throw new NotFoundError('ticket', ticketId);
  return ticket;
}

/** @throws ForbiddenError for customers. */
export function assertStaff(caller: Caller, action: string): void {
  if (!isStaff(caller)) throw new ForbiddenError(`customers may not ${action}`);
}

export { normaliseEmail } from './customer-visibility';

import { type LinkKind, MAX_LINKS, MIRROR_KIND } from '../../../schemas/relations';
import type { Caller } from '../caller';
import { NotFoundError, RuleViolationError, VersionConflictError } from '../errors';
import type { Deps } from '../store/store';
import { assertStaff } from '../tickets/access';
import { activityOf } from '../tickets/activities';
import { loadTicket } from '../tickets/load-ticket';
import type { Ticket } from '../tickets/ticket.entity';
import { linksOf, withLink, withoutLink } from './links-of';
import { saveTicketChanges } from './ticket-pair-writes';

const ATTEMPTS = 6;

export interface LinkOutcome {
  ticket: Ticket;
  other: Ticket;
}

/**
 * Links two tickets of the organization (staff): `kind` is what the other ticket is to this one
 * (`parent`: the other is this one's parent); the other records the mirror (`child`). Both
 * sides, a new version of each and a `ticket.linked` activity on each commit in one transaction.
 * Linking again with the same kind changes nothing; another kind replaces the link.
 * @throws NotFoundError (either ticket), ForbiddenError, RuleViolationError (itself; more than
 *   MAX_LINKS), VersionConflictError (both kept changing)
 */
export async function linkTickets(deps: Deps, caller: Caller, ticketId: string, otherId: string, kind: LinkKind): Promise<LinkOutcome> {
  assertStaff(caller, 'link tickets');
  if (ticketId === otherId) throw new RuleViolationError('a ticket cannot be linked to itself');
  return changeBoth(deps, caller, ticketId, otherId, (ticket, other, at) => {
    const mine = withLink(ticket, other, kind, at);
    const theirs = withLink(other, ticket, MIRROR_KIND[kind], at);
    if (mine === 'full' || theirs === 'full') {
      throw new RuleViolationError(`a ticket carries at most ${MAX_LINKS} links; ${mine === 'full' ? ticket.number : other.number} has that many`, '#/kind');
    }
    if (mine === undefined && theirs === undefined) return undefined;
    return {
      mine: mine ?? linksOf(ticket), theirs: theirs ?? linksOf(other), type: 'ticket.linked' as const,
      kinds: [kind, MIRROR_KIND[kind]] as const,
    };
  });
}

/**
 * Removes the link between two tickets, both sides in one transaction with `ticket.unlinked` on each.
 * @throws NotFoundError (either ticket, or no such link), ForbiddenError, VersionConflictError
 */
export async function unlinkTickets(deps: Deps, caller: Caller, ticketId: string, otherId: string): Promise<LinkOutcome> {
  assertStaff(caller, 'unlink tickets');
  return changeBoth(deps, caller, ticketId, otherId, (ticket, other) => {
    const link = linksOf(ticket).find((l) => l.ticketId === other.ticketId);
    const back = linksOf(other).find((l) => l.ticketId === ticket.ticketId);
    if (!link && !back) throw new NotFoundError('link', `${ticket.number} → ${other.number}`);
    return {
      mine: withoutLink(ticket, other.ticketId), theirs: withoutLink(other, ticket.ticketId), type: 'ticket.unlinked' as const,
      kinds: [link?.kind ?? MIRROR_KIND[back!.kind], back?.kind ?? MIRROR_KIND[link!.kind]] as const,
    };
  });
}

type Plan = { mine: unknown[]; theirs: unknown[]; type: 'ticket.linked' | 'ticket.unlinked'; kinds: readonly [LinkKind, LinkKind] } | undefined;

async function changeBoth(
  deps: Deps, caller: Caller, ticketId: string, otherId: string, plan: (ticket: Ticket, other: Ticket, at: string) => Plan,
): Promise<LinkOutcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [ticket, other] = await Promise.all([loadTicket(deps, caller, ticketId), loadTicket(deps, caller, otherId)]);
    const at = deps.now().toISOString();
    const planned = plan(ticket, other, at);
    if (!planned) return { ticket, other };
    const bump = (t: Ticket, links: unknown[]): Ticket => ({ ...t, links: links.length ? links : undefined, version: t.version + 1, updatedAt: at });
    const ticketNext = bump(ticket, planned.mine);
    const otherNext = bump(other, planned.theirs);
    const activity = (t: Ticket, o: Ticket, kind: LinkKind) =>
      activityOf(t, planned.type, caller, deps.newId(), { data: { otherTicketId: o.ticketId, otherNumber: o.number, kind } });
    const outcome = await saveTicketChanges(deps, [
      { current: ticket, next: ticketNext, activities: [activity(ticketNext, other, planned.kinds[0])] },
      { current: other, next: otherNext, activities: [activity(otherNext, ticket, planned.kinds[1])] },
    ]);
    if (outcome.ok) return { ticket: ticketNext, other: otherNext };
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new VersionConflictError(ticketId);
}

import { type LinkKind, MAX_LINKS } from '../../../schemas/relations';
import type { TicketLinkView } from '../../../schemas/tickets';
import type { Ticket } from '../tickets/ticket.entity';

export type TicketLink = TicketLinkView;

export const linksOf = (ticket: Ticket): TicketLink[] => (Array.isArray(ticket.links) ? (ticket.links as TicketLink[]) : []);

/**
 * The ticket's links with `other` recorded as `kind` (replacing an earlier link to it). Pure.
 * `undefined` when that link is already there; `full` when the ticket carries MAX_LINKS others.
 */
export function withLink(ticket: Ticket, other: Ticket, kind: LinkKind, at: string): TicketLink[] | undefined | 'full' {
  const links = linksOf(ticket);
  const existing = links.find((l) => l.ticketId === other.ticketId);
  if (existing?.kind === kind) return undefined;
  if (!existing && links.length >= MAX_LINKS) return 'full';
  const link: TicketLink = { ticketId: other.ticketId, number: other.number, subject: other.subject, kind, at };
  return [...links.filter((l) => l.ticketId !== other.ticketId), link];
}

/** The ticket's links without the one to `otherId`. */
export const withoutLink = (ticket: Ticket, otherId: string): TicketLink[] => linksOf(ticket).filter((l) => l.ticketId !== otherId);

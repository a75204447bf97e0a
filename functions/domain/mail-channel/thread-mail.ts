import type { ParsedMail } from '../email';
import type { Deps } from '../store/store';
import type { Ticket } from '../tickets/ticket.entity';
import { TICKET_NUMBER_IN_SUBJECT, ticketIdOfToken } from './addresses';
import { ticketOfMessageId } from './mail-refs';
import { followMerges } from '../relations/follow-merges';

export type ThreadMatch = { ticket: Ticket; by: 'token' | 'references' | 'subject-number' };

/**
 * The ticket an inbound mail continues, in this order: the reply-address token; In-Reply-To
 * and References against Message-IDs we stored or sent; the `[TKT-…]` number in the subject,
 * but only from the requester or a known participant (anyone can type a number). A ticket that
 * was merged hands the mail on to the ticket it was merged into.
 */
export async function findThread(
  deps: Deps,
  orgId: string,
  mail: Pick<ParsedMail, 'inReplyTo' | 'references' | 'subject'>,
  sender: string,
  token: string | undefined,
): Promise<ThreadMatch | undefined> {
  if (token) {
    const ticket = await getTicket(deps, orgId, ticketIdOfToken(token));
    if (ticket) return { ticket: await followMerges(deps, ticket), by: 'token' };
  }
  const ids = [...new Set([mail.inReplyTo, ...[...mail.references].reverse()].filter((id): id is string => !!id))].slice(0, 20);
  for (const messageId of ids) {
    const ref = await ticketOfMessageId(deps, orgId, messageId);
    const ticket = ref && (await getTicket(deps, orgId, ref.ticketId));
    if (ticket) return { ticket: await followMerges(deps, ticket), by: 'references' };
  }
  const number = TICKET_NUMBER_IN_SUBJECT.exec(mail.subject)?.[1]?.toUpperCase();
  if (number) {
    const { data: lookup } = await deps.store.entities.ticketNumber.get({ orgId, number }).go();
    const ticket = lookup && (await getTicket(deps, orgId, lookup.ticketId));
    if (ticket && (await isParticipant(deps, ticket, sender))) return { ticket: await followMerges(deps, ticket), by: 'subject-number' };
  }
  return undefined;
}

async function getTicket(deps: Deps, orgId: string, ticketId: string): Promise<Ticket | undefined> {
  if (!/^[0-9A-Z]{26}$/.test(ticketId)) return undefined;
  const { data } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
  return data ?? undefined;
}

/** The requester, or an address that was on the ticket's mail (Cc) before. */
export async function isParticipant(deps: Deps, ticket: Ticket, sender: string): Promise<boolean> {
  if (ticket.requesterEmail === sender) return true;
  const { data } = await deps.store.entities.mailParticipant.get({ orgId: ticket.orgId, ticketId: ticket.ticketId, address: sender }).go();
  return !!data;
}

import { timingSafeEqual } from 'node:crypto';
import type { RateTicketBody } from '../../../schemas/sla-api';
import type { PublicMessage, TrackedTicket } from '../../../schemas/intake';
import type { Caller } from '../caller';
import { NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import { addMessage } from '../tickets/add-message';
import type { Message } from '../tickets/message.entity';
import { rateTicket, type TicketRatingValue } from '../tickets/rate-ticket';
import type { Ticket } from '../tickets/ticket.entity';
import { isTerminalStatus } from '../status-groups';
import { takeSubmission } from './rate-limits';
import { hashTrackingToken } from './tracking-token';
import { webFormOf } from './web-forms';

/** A key no ticket has: a wrong token reads this empty partition, so both paths do the same work. */
const NOWHERE = { orgId: '~', ticketId: '~' };

interface Tracked {
  ticket: Ticket;
  messages: Message[];
  caller: Caller;
}

/**
 * The ticket a tracking token opens, with its thread. A wrong token costs what a right one
 * costs (one GetItem of the hash, one Query of a partition, one comparison), so response time
 * tells nothing about tokens.
 * @throws NotFoundError for a wrong, malformed or revoked token.
 */
async function openByToken(deps: Deps, token: string): Promise<Tracked> {
  const hash = hashTrackingToken(token);
  const { data: entry } = await deps.store.entities.trackingToken.get({ tokenHash: hash }).go({ consistent: true });
  const key = entry ? { orgId: entry.orgId, ticketId: entry.ticketId } : NOWHERE;
  const { data } = await deps.store.collections.thread(key).go({ pages: 'all' });
  const stored = Buffer.from(entry?.tokenHash ?? hash.replace(/./g, '~'));
  const matches = stored.length === hash.length && timingSafeEqual(stored, Buffer.from(hash));
  const ticket = data.ticket[0];
  // An erased requester's links are revoked: the page no longer opens.
  if (!entry || !matches || !ticket || ticket.requesterErasedAt) throw new NotFoundError('tracking page', 'for this link');
  const caller: Caller = {
    orgId: ticket.orgId, userId: `web:${ticket.requesterEmail}`, email: ticket.requesterEmail,
    name: ticket.requesterName, role: 'customer',
  };
  return { ticket, messages: data.message, caller };
}

const STAFF = new Set(['admin', 'supervisor', 'agent']);

/** The public view: no notes, no staff ids, no internal activity. */
export function toTrackedTicket(ticket: Ticket, messages: Message[]): TrackedTicket {
  const rating = ticket.rating as TicketRatingValue | undefined;
  return {
    number: ticket.number,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    messages: messages.filter((m) => !m.internal).map(toPublicMessage),
    canReply: !isTerminalStatus(ticket.status),
    canRate: !rating && (ticket.status === 'resolved' || ticket.status === 'closed'),
    rating: rating ? { score: rating.score, comment: rating.comment } : null,
  };
}

const toPublicMessage = (m: Message): PublicMessage => ({
  id: m.messageId,
  body: m.body,
  from: STAFF.has(m.authorRole) ? 'support' : 'customer',
  authorName: m.authorName ?? null,
  createdAt: m.createdAt,
});

/** @throws NotFoundError for a wrong token. */
export async function trackTicket(deps: Deps, token: string): Promise<TrackedTicket> {
  const { ticket, messages } = await openByToken(deps, token);
  return toTrackedTicket(ticket, messages);
}

/**
 * The requester replies from the tracking page, as a customer message on the `web` channel
 * (it reopens a resolved ticket, like a mailed reply). Replies count against the same per-IP
 * window as new submissions: a leaked link cannot be used to flood the agents.
 * @throws NotFoundError (wrong token), RateLimitedError, RuleViolationError (closed ticket), VersionConflictError.
 */
export async function replyByToken(deps: Deps, token: string, body: string, sourceIp: string): Promise<PublicMessage> {
  const { ticket, caller } = await openByToken(deps, token);
  const form = await webFormOf(deps, ticket.orgId);
  if (form) await takeSubmission(deps, ticket.orgId, 'ip', sourceIp, form.perIpPerHour);
  const { message } = await addMessage(deps, caller, ticket.ticketId, { body, internal: false }, 'web');
  return toPublicMessage(message);
}

/** @throws NotFoundError (wrong token), RuleViolationError (not resolved/closed), AlreadyRatedError. */
export async function rateByToken(deps: Deps, token: string, input: RateTicketBody): Promise<TicketRatingValue & { number: string }> {
  const { ticket, caller } = await openByToken(deps, token);
  const rating = await rateTicket(deps, caller, ticket.ticketId, input);
  return { ...rating, number: ticket.number };
}

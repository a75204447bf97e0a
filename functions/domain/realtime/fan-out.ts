import type { TicketEvent } from '../../../schemas/events';
import type { ServerFrame } from '../../../schemas/realtime';
import { INTERNAL_ACTIVITY_TYPES } from '../tickets/activities';
import { normaliseEmail } from '../tickets/access';
import type { WsSubscription } from './connection.entity';
import { LIST_ROOM, ticketRoom, userRoom } from './rooms';
import { type TicketScope, inScope } from '../team/agent-scope';

/** Each staff member's ticket scope (organization setting `agentScope`); everything when not given. */
export type ScopeOf = (userId: string, role: string) => TicketScope;

export type Subscriber = Pick<WsSubscription, 'orgId' | 'room' | 'connectionId' | 'userId' | 'role' | 'email' | 'filterStatus' | 'filterAssigneeId'>;

const isCustomer = (subscriber: Pick<Subscriber, 'role'>) => subscriber.role === 'customer';

/**
 * Whether a subscription may receive a ticket event. Never another organization's; a customer
 * only events of tickets they requested, and never internal ones (notes, escalations). A list
 * subscription with a filter gets an event when the ticket matches it before or after the
 * change, so a ticket leaving the filtered view still reaches the subscriber.
 */
export function mayReceive(subscriber: Subscriber, event: TicketEvent, scopeOf?: ScopeOf): boolean {
  if (subscriber.orgId !== event.orgId) return false;
  // A watcher hears of the ticket in their own room, without subscribing, whatever the scope.
  if (subscriber.room === userRoom(subscriber.userId)) return !isCustomer(subscriber) && (event.ticket.watchers ?? []).includes(subscriber.userId);
  if (scopeOf && !isCustomer(subscriber) && !withinScope(scopeOf(subscriber.userId, subscriber.role), event)) return false;
  if (isCustomer(subscriber)) {
    if (event.internal || INTERNAL_ACTIVITY_TYPES.has(event.type)) return false;
    if (normaliseEmail(event.ticket.requesterEmail) !== normaliseEmail(subscriber.email)) return false;
  }
  if (subscriber.room === ticketRoom(event.ticketId)) return true;
  if (subscriber.room !== LIST_ROOM) return false;
  return matchesFilter(subscriber.filterStatus, event.ticket.status, event.changes?.status?.from)
    && matchesFilter(subscriber.filterAssigneeId, event.ticket.assigneeId ?? 'unassigned', assigneeBefore(event));
}

/** In scope after the change, or before it (so a ticket leaving an agent's scope still tells them). */
function withinScope(scope: TicketScope, event: TicketEvent): boolean {
  if (inScope(scope, event.ticket)) return true;
  const before = {
    assigneeId: (event.changes?.assigneeId?.from as string | null | undefined) ?? event.ticket.assigneeId,
    departmentId: (event.changes?.departmentId?.from as string | null | undefined) ?? event.ticket.departmentId,
    watchers: (event.changes?.watchers?.from as string[] | undefined) ?? event.ticket.watchers,
  };
  return Boolean(event.changes) && inScope(scope, before);
}

function matchesFilter(wanted: string | undefined, now: unknown, before: unknown): boolean {
  return wanted === undefined || wanted === now || (before !== undefined && wanted === before);
}

function assigneeBefore(event: TicketEvent): unknown {
  if (!event.changes || !('assigneeId' in event.changes)) return undefined;
  return event.changes.assigneeId.from ?? 'unassigned';
}

/**
 * The connections that get an event, each once even when it sits in several of the rooms
 * (the list and the ticket), with the frame each may see.
 */
export function recipientsOf(subscribers: readonly Subscriber[], event: TicketEvent, scopeOf?: ScopeOf): { connectionId: string; frame: ServerFrame }[] {
  const chosen = new Map<string, Subscriber>();
  for (const subscriber of subscribers) {
    if (!chosen.has(subscriber.connectionId) && mayReceive(subscriber, event, scopeOf)) chosen.set(subscriber.connectionId, subscriber);
  }
  return [...chosen.values()].map((subscriber) => ({ connectionId: subscriber.connectionId, frame: eventFrame(event, subscriber) }));
}

/** Fields of the ticket that only staff see (the escalation tier is an internal matter). */
const STAFF_ONLY_FIELDS = ['escalationTier', 'escalated', 'watchers'];

/** The frame of a ticket event: the versioned event as the bus carries it, trimmed for customers. */
export function eventFrame(event: TicketEvent, subscriber: Pick<Subscriber, 'role'>): ServerFrame<TicketEvent> {
  if (!isCustomer(subscriber)) return { type: event.type, data: event };
  const { escalationTier: _tier, watchers: _watchers, ...ticket } = event.ticket;
  const changes = event.changes
    ? Object.fromEntries(Object.entries(event.changes).filter(([field]) => !STAFF_ONLY_FIELDS.includes(field)))
    : undefined;
  return { type: event.type, data: { ...event, ticket: ticket as TicketEvent['ticket'], ...(changes ? { changes } : {}) } };
}

/** Who may see a room signal (typing, presence, read): internal ones only staff; never the sender. */
export function signalRecipients(
  members: readonly Subscriber[],
  signal: { orgId: string; senderConnectionId?: string; internal?: boolean },
): string[] {
  const ids = new Set<string>();
  for (const member of members) {
    if (member.orgId !== signal.orgId || member.connectionId === signal.senderConnectionId) continue;
    if (signal.internal && isCustomer(member)) continue;
    ids.add(member.connectionId);
  }
  return [...ids];
}

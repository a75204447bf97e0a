import type { TicketEvent } from '../../../schemas/events';
import type { ServerFrame } from '../../../schemas/realtime';
import { maySeeEntry, maySeeTicket, visibleChanges, visibleSnapshot } from '../tickets/customer-visibility';
import type { WsSubscription } from './connection.entity';
import { LIST_ROOM, ticketRoom } from './rooms';

export type Subscriber = Pick<WsSubscription, 'orgId' | 'room' | 'connectionId' | 'userId' | 'role' | 'email' | 'filterStatus' | 'filterAssigneeId'>;

/**
 * Whether a subscription may receive a ticket event. Never another organization's; a customer
 * only events of tickets they requested, and never internal ones (notes, escalations). A list
 * subscription with a filter gets an event when the ticket matches it before or after the
 * change, so a ticket leaving the filtered view still reaches the subscriber.
 */
export function mayReceive(subscriber: Subscriber, event: TicketEvent): boolean {
  if (subscriber.orgId !== event.orgId) return false;
  if (!maySeeEntry(subscriber, event) || !maySeeTicket(subscriber, { orgId: event.orgId, requesterEmail: event.ticket.requesterEmail })) return false;
  if (subscriber.room === ticketRoom(event.ticketId)) return true;
  if (subscriber.room !== LIST_ROOM) return false;
  return matchesFilter(subscriber.filterStatus, event.ticket.status, event.changes?.status?.from)
    && matchesFilter(subscriber.filterAssigneeId, event.ticket.assigneeId ?? 'unassigned', assigneeBefore(event));
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
export function recipientsOf(subscribers: readonly Subscriber[], event: TicketEvent): { connectionId: string; frame: ServerFrame }[] {
  const chosen = new Map<string, Subscriber>();
  for (const subscriber of subscribers) {
    if (!chosen.has(subscriber.connectionId) && mayReceive(subscriber, event)) chosen.set(subscriber.connectionId, subscriber);
  }
  return [...chosen.values()].map((subscriber) => ({ connectionId: subscriber.connectionId, frame: eventFrame(event, subscriber) }));
}

/** The frame of a ticket event: the versioned event as the bus carries it, trimmed for customers. */
export function eventFrame(event: TicketEvent, subscriber: Pick<Subscriber, 'role'>): ServerFrame<TicketEvent> {
  const changes = event.changes ? visibleChanges(subscriber, event.changes) : undefined;
  return { type: event.type, data: { ...event, ticket: visibleSnapshot(subscriber, event.ticket), ...(changes ? { changes } : {}) } };
}

/** Who may see a room signal (typing, presence, read): internal ones only staff; never the sender. */
export function signalRecipients(
  members: readonly Subscriber[],
  signal: { orgId: string; senderConnectionId?: string; internal?: boolean },
): string[] {
  const ids = new Set<string>();
  for (const member of members) {
    if (member.orgId !== signal.orgId || member.connectionId === signal.senderConnectionId) continue;
    if (!maySeeEntry(member, signal)) continue;
    ids.add(member.connectionId);
  }
  return [...ids];
}

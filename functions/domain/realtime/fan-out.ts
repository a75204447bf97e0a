import type { TicketEvent } from '../../../schemas/events';
import type { ServerFrame } from '../../../schemas/realtime';
import { isStaffRole } from '../../../schemas/roles';
import { maySeeEntry, maySeeTicket, visibleChanges, visibleSnapshot } from '../tickets/customer-visibility';
import { eventForCustomer } from '../tickets/customer-view';
import type { WsSubscription } from './connection.entity';
import { LIST_ROOM, ticketRoom, userRoom } from './rooms';
import { type TicketScope, inScope } from '../team/agent-scope';

/** Each staff member's ticket scope (organization setting `agentScope`); everything when not given. */
export type ScopeOf = (userId: string, role: string) => TicketScope;

export type Subscriber = Pick<WsSubscription, 'orgId' | 'room' | 'connectionId' | 'userId' | 'role' | 'email' | 'filterStatus' | 'filterAssigneeId'>;

/**
 * Whether a subscription may receive a ticket event. Never another organization's; a customer
 * only events of tickets they requested, and never internal ones (notes, escalations). A list
 * subscription with a filter gets an event when the ticket matches it before or after the
 * change, so a ticket leaving the filtered view still reaches the subscriber.
 */
export function mayReceive(subscriber: Subscriber, event: TicketEvent, scopeOf?: ScopeOf): boolean {
  if (subscriber.orgId !== event.orgId) return false;
  // A watcher hears of the ticket in their own room, without subscribing, whatever the scope.
  if (subscriber.room === userRoom(subscriber.userId)) return isStaffRole(subscriber.role) && (event.ticket.watchers ?? []).includes(subscriber.userId);
  if (scopeOf && isStaffRole(subscriber.role) && !withinScope(scopeOf(subscriber.userId, subscriber.role), event)) return false;
  if (!maySeeEntry(subscriber, event) || !maySeeTicket(subscriber, { orgId: event.orgId, requesterEmail: event.ticket.requesterEmail })) return false;
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

/** The frame of a ticket event: the versioned event as the bus carries it, trimmed for customers. */
export function eventFrame(event: TicketEvent, subscriber: Pick<Subscriber, 'role'>): ServerFrame<TicketEvent> {
  // Customers get no staff ids (eventForCustomer) and no staff-only fields (visibleSnapshot, visibleChanges).
  const seen = isStaffRole(subscriber.role) ? event : eventForCustomer(event);
  const changes = seen.changes ? visibleChanges(subscriber, seen.changes) : undefined;
  return { type: seen.type, data: { ...seen, ticket: visibleSnapshot(subscriber, seen.ticket), ...(changes ? { changes } : {}) } };
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

/**
 * A room signal (typing, read, presence) as a customer receives it: staff by name and role,
 * never their user id.
 */
export function signalForCustomer(frame: ServerFrame): ServerFrame {
  const data = frame.data as { userId?: string; role?: string; viewers?: { userId?: string; role: string }[] } | undefined;
  if (!data || typeof data !== 'object') return frame;
  const shaped: Record<string, unknown> = { ...data };
  if (data.role && isStaffRole(data.role)) delete shaped.userId;
  if (Array.isArray(data.viewers)) {
    shaped.viewers = data.viewers.map((viewer) => (isStaffRole(viewer.role) ? (({ userId: _id, ...rest }) => rest)(viewer) : viewer));
  }
  return { ...frame, data: shaped };
}

import type { EventType, TicketSnapshot } from '../../../schemas/events';
import { isStaffRole } from '../../../schemas/roles';

/**
 * What a customer may see, the one definition for views (HTTP), the realtime fan-out and the
 * activities (and so the events) a change records: only tickets they requested; no internal
 * notes or internal activities (notes, escalations, unrouted tickets); no staff-only fields
 * (escalation, SLA, note counts, watchers). Staff of the organization see everything of it.
 */

/** Detail-types that customers never see, on any channel. */
export const INTERNAL_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'ticket.note.added', 'ticket.escalated', 'ticket.unrouted',
  // Links name other tickets (and requesters' subjects): staff business only.
  'ticket.linked', 'ticket.unlinked',
]);

/** Ticket fields, as snapshots and `changes` name them, that only staff see. */
export const STAFF_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'escalationTier', 'escalated', 'escalation', 'sla', 'noteCount', 'watchers', 'links', 'participants', 'customStatusId', 'customStatus',
]);

/** Changes whose mere occurrence customers must not learn of (who follows a ticket: staff ids). */
export const HIDDEN_CHANGES: ReadonlySet<string> = new Set(['watchers', 'participants']);

export interface Viewer {
  orgId: string;
  role: string;
  email: string;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Whether an activity of this type is internal (customers never get it). */
export const isInternalEventType = (type: string): boolean => INTERNAL_EVENT_TYPES.has(type as EventType);

/** Whether the viewer may see the ticket at all: never another organization's; a customer only what they requested. */
export function maySeeTicket(viewer: Viewer, ticket: { orgId: string; requesterEmail: string }): boolean {
  if (ticket.orgId !== viewer.orgId) return false;
  return isStaffRole(viewer.role) || normaliseEmail(ticket.requesterEmail) === normaliseEmail(viewer.email);
}

/** Whether a thread entry (message, activity) or a ticket event may reach the viewer. */
export function maySeeEntry(
  viewer: Pick<Viewer, 'role'>, entry: { internal?: boolean; type?: string; changes?: Record<string, unknown> | null },
): boolean {
  if (isStaffRole(viewer.role)) return true;
  if (entry.internal || (entry.type !== undefined && isInternalEventType(entry.type))) return false;
  return !Object.keys(entry.changes ?? {}).some((field) => HIDDEN_CHANGES.has(field));
}

/** A `changes` map without the staff-only fields, for a customer; as it is for staff. */
export function visibleChanges<C extends Record<string, unknown>>(viewer: Pick<Viewer, 'role'>, changes: C): C {
  if (isStaffRole(viewer.role)) return changes;
  return Object.fromEntries(Object.entries(changes).filter(([field]) => !STAFF_ONLY_FIELDS.has(field))) as C;
}

/** A ticket snapshot without the staff-only fields, for a customer; as it is for staff. */
export function visibleSnapshot(viewer: Pick<Viewer, 'role'>, snapshot: TicketSnapshot): TicketSnapshot {
  return visibleChanges(viewer, snapshot as unknown as Record<string, unknown>) as unknown as TicketSnapshot;
}

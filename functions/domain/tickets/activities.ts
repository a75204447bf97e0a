import type { TicketSnapshot } from '../../../schemas/events';
import type { Caller } from '../caller';
import type { Activity } from './activity.entity';
import type { Ticket } from './ticket.entity';

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Detail-types that customers never see, on any channel. */
export const INTERNAL_ACTIVITY_TYPES = new Set(['ticket.note.added', 'ticket.escalated', 'ticket.unrouted']);

/** One activity (= one event) of `ticket` after a change by `actor`. */
export function activityOf(
  ticket: Ticket,
  type: string,
  actor: Caller,
  activityId: string,
  extra: { changes?: Changes; data?: Record<string, unknown> } = {},
): Activity {
  return {
    orgId: ticket.orgId,
    ticketId: ticket.ticketId,
    activityId,
    type,
    actorId: actor.userId,
    actorRole: actor.role,
    actorName: actor.name,
    internal: INTERNAL_ACTIVITY_TYPES.has(type),
    changes: extra.changes,
    data: extra.data,
    ticketVersion: ticket.version,
    snapshot: snapshotOf(ticket),
    createdAt: ticket.updatedAt,
  };
}

export function snapshotOf(ticket: Ticket): TicketSnapshot {
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    assigneeId: ticket.assigneeId ?? null,
    requesterEmail: ticket.requesterEmail,
    escalationTier: ticket.escalationTier,
    channel: ticket.channel,
    updatedAt: ticket.updatedAt,
    version: ticket.version,
    departmentId: ticket.departmentId ?? null,
    category: ticket.category ?? null,
    ...(ticket.watchers?.length ? { watchers: ticket.watchers } : {}),
  };
}

/** The fields that differ between two states, as `{ field: { from, to } }`. */
export function diff<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

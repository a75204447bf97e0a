import { EVENT_TYPES, type EventType, type TicketEvent } from '../../../schemas/events';
import type { Activity } from '../tickets/activity.entity';

/** ElectroDB's entity marker on every item: how a stream record says what it holds. */
export const ENTITY_ATTRIBUTE = '__edb_e__';

const KNOWN = new Set<string>(EVENT_TYPES);

/**
 * The bus event an activity item stands for. Activities are the outbox: this is the only way
 * events come to be. Returns undefined for types the bus does not carry.
 */
export function eventFromActivity(activity: Activity): TicketEvent | undefined {
  if (!KNOWN.has(activity.type)) return undefined;
  return {
    version: '1',
    id: activity.activityId,
    type: activity.type as EventType,
    occurredAt: activity.createdAt,
    orgId: activity.orgId,
    ticketId: activity.ticketId,
    actor: { id: activity.actorId, role: activity.actorRole, ...(activity.actorName ? { name: activity.actorName } : {}) },
    internal: activity.internal,
    ticketVersion: activity.ticketVersion,
    ...(activity.changes ? { changes: activity.changes } : {}),
    data: activity.data ?? {},
    ticket: activity.snapshot,
  } as TicketEvent;
}

/** Whether an unmarshalled stream image is an activity item (what the Pipe's filter keeps). */
export function isActivityImage(image: Record<string, unknown> | undefined): image is Activity & Record<string, unknown> {
  return image?.[ENTITY_ATTRIBUTE] === 'activity';
}

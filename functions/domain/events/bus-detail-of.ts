import { type BusDetail, JOB_TYPES, TICKET_EVENT_PREFIX, type TicketEvent } from '../../../schemas/events';
import type { OutboxJob } from '../outbox/outbox-job.entity';
import { OUTBOX_JOB_ENTITY, eventFromJob } from '../outbox/outbox-jobs';
import type { Activity } from '../tickets/activity.entity';
import { ENTITY_ATTRIBUTE, eventFromActivity, isActivityImage } from './event-from-activity';

/** The entity names whose inserts are the outbox: what the Pipe's filter (and the local pump) keep. */
export const OUTBOX_ENTITIES = ['activity', OUTBOX_JOB_ENTITY] as const;

export type OutboxItem = { kind: 'activity'; item: Activity } | { kind: 'job'; item: OutboxJob } | { kind: 'other' };

/** What a new item of the table's stream is, as the outbox sees it. */
export function outboxItemOf(image: Record<string, unknown> | undefined): OutboxItem {
  if (isActivityImage(image)) return { kind: 'activity', item: image };
  if (image?.[ENTITY_ATTRIBUTE] === OUTBOX_JOB_ENTITY && (JOB_TYPES as readonly unknown[]).includes(image.type)) {
    return { kind: 'job', item: image as unknown as OutboxJob };
  }
  return { kind: 'other' };
}

/**
 * The bus event of an inserted outbox item: a ticket event for an activity, a job event for a
 * job; undefined for anything else (or an activity type the bus does not carry).
 */
export function busDetailOf(image: Record<string, unknown> | undefined): BusDetail | undefined {
  const outbox = outboxItemOf(image);
  if (outbox.kind === 'activity') return eventFromActivity(outbox.item);
  if (outbox.kind === 'job') return eventFromJob(outbox.item);
  return undefined;
}

/** Whether a bus detail is a ticket event (not a job). */
export const isTicketEvent = (detail: BusDetail): detail is TicketEvent => detail.type.startsWith(TICKET_EVENT_PREFIX);

import * as z from 'zod';
import { TicketPriority, TicketStatus } from './ticket-enums';

/** The source of every ticket event on the bus. */
export const EVENT_SOURCE = 'helpdesk.tickets';

export const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.status.changed',
  'ticket.assigned',
  'ticket.escalated',
  'ticket.message.added',
  'ticket.note.added',
  'ticket.sla.warning',
  'ticket.sla.breached',
  'ticket.closed',
  'ticket.rated',
  'ticket.survey.sent',
  'ticket.delivery.failed',
  'ticket.unrouted',
  'ticket.merged',
  'ticket.split',
  'ticket.linked',
  'ticket.unlinked',
] as const;
export const EventType = z.enum(EVENT_TYPES).meta({ id: 'EventType' });
export type EventType = z.infer<typeof EventType>;

/** The ticket as it was right after the change: enough for consumers to act without a read. */
export const TicketSnapshot = z
  .object({
    number: z.string(),
    subject: z.string(),
    status: TicketStatus,
    priority: TicketPriority,
    assigneeId: z.string().nullable(),
    requesterEmail: z.string(),
    escalationTier: z.number().int(),
    channel: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
    departmentId: z.string().nullable().optional(),
    category: z.string().nullable().optional(),
    watchers: z.array(z.string()).optional().describe('Staff who receive the ticket\'s events without subscribing'),
  })
  .meta({ id: 'TicketSnapshot' });
export type TicketSnapshot = z.infer<typeof TicketSnapshot>;

/** Most of a message body an event carries; beyond it `truncated` is true (read the message for the rest). */
export const EVENT_BODY_MAX_BYTES = 32 * 1024;

/** The message a `ticket.message.added` / `ticket.note.added` is about, so consumers need no read. */
export const EventMessage = z
  .object({
    id: z.string(),
    body: z.string().describe(`At most ${EVENT_BODY_MAX_BYTES} bytes of UTF-8`),
    truncated: z.boolean().optional().describe('true when body was cut at the limit'),
    authorRole: z.string(),
    authorName: z.string().optional(),
    attachments: z.array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() })),
  })
  .meta({ id: 'EventMessage' });
export type EventMessage = z.infer<typeof EventMessage>;

const Changes = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));

/** Envelope version 1, shared by every detail-type; `data` is specific to each (below). */
const envelope = <T extends EventType, D extends z.ZodType>(type: T, data: D) =>
  z
    .object({
      version: z.literal('1'),
      id: z.string().describe('The activity id: unique per event, the key consumers dedupe on'),
      type: z.literal(type),
      occurredAt: z.string(),
      orgId: z.string(),
      ticketId: z.string(),
      actor: z.object({ id: z.string(), role: z.string(), name: z.string().optional() }),
      internal: z.boolean().describe('Internal events never reach customers'),
      ticketVersion: z.number().int(),
      changes: Changes.optional(),
      data: data,
      ticket: TicketSnapshot,
    })
    .meta({ id: `Event_${type.replace(/\./g, '_')}` });

const loose = z.record(z.string(), z.unknown());
export const EVENT_SCHEMAS = {
  'ticket.created': envelope('ticket.created', z.looseObject({ number: z.string(), priority: TicketPriority, channel: z.string() })),
  'ticket.updated': envelope('ticket.updated', loose.optional()),
  'ticket.status.changed': envelope('ticket.status.changed', z.looseObject({ reason: z.string().optional(), resolution: z.string().optional() }).optional()),
  'ticket.assigned': envelope('ticket.assigned', loose.optional()),
  'ticket.escalated': envelope('ticket.escalated', z.looseObject({ reason: z.string() })),
  'ticket.message.added': envelope('ticket.message.added', z.looseObject({ messageId: z.string(), authorRole: z.string(), message: EventMessage })),
  'ticket.note.added': envelope('ticket.note.added', z.looseObject({ messageId: z.string(), message: EventMessage })),
  'ticket.sla.warning': envelope('ticket.sla.warning', z.looseObject({ target: z.string(), dueAt: z.string() })),
  'ticket.sla.breached': envelope('ticket.sla.breached', z.looseObject({ target: z.string(), dueAt: z.string() })),
  'ticket.closed': envelope('ticket.closed', loose.optional()),
  'ticket.rated': envelope('ticket.rated', z.looseObject({ score: z.number().int().min(1).max(5), comment: z.string().optional() })),
  'ticket.survey.sent': envelope('ticket.survey.sent', loose.optional()),
  'ticket.delivery.failed': envelope('ticket.delivery.failed', loose.optional()),
  'ticket.unrouted': envelope('ticket.unrouted', z.looseObject({ departmentId: z.string().nullable(), rule: z.string(), reason: z.string() })),
  'ticket.merged': envelope('ticket.merged', z.looseObject({
    role: z.enum(['source', 'target']).describe('source: this ticket was merged (and closed); target: it took the other\'s thread'),
    sourceTicketId: z.string(), sourceNumber: z.string(), targetTicketId: z.string(), targetNumber: z.string(),
    copiedMessages: z.number().int(),
  })),
  'ticket.split': envelope('ticket.split', z.looseObject({
    role: z.enum(['source', 'new']), sourceTicketId: z.string(), sourceNumber: z.string(), newTicketId: z.string(), newNumber: z.string(),
    messageIds: z.array(z.string()),
  })),
  'ticket.linked': envelope('ticket.linked', z.looseObject({ otherTicketId: z.string(), otherNumber: z.string(), kind: z.string() })),
  'ticket.unlinked': envelope('ticket.unlinked', z.looseObject({ otherTicketId: z.string(), otherNumber: z.string(), kind: z.string() })),
} satisfies Record<EventType, z.ZodType>;

export const TicketEvent = z.discriminatedUnion('type', Object.values(EVENT_SCHEMAS) as never).meta({ id: 'TicketEvent' });
export type TicketEvent = z.infer<(typeof EVENT_SCHEMAS)[EventType]>;

/**
 * Jobs: work a write hands to a queue through the outbox (functions/domain/outbox). The job item
 * commits in the write's transaction; the table's stream carries it to the bus like an
 * activity, with its own detail-type, which only the rules that name it match (never `*`).
 */
export const JOB_TYPES = ['job.sla-policy.recompute', 'job.webhook.delivery', 'job.tickets.bulk', 'job.analytics.export', 'job.kb.reindex', 'job.analytics.weekly-schedule'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** Every detail-type the bus carries: a typo in a rule or a consumer's filter fails to compile. */
export type BusDetailType = EventType | JobType;

/** What `*` in a rule means: every detail-type with this prefix, the ticket events. */
export const TICKET_EVENT_PREFIX = 'ticket.';

/** A job as the bus carries it; `data` is the message its queue's consumer reads. */
export interface JobEvent<D = Record<string, unknown>> {
  version: '1';
  /** The job item's id: unique per job. */
  id: string;
  type: JobType;
  occurredAt: string;
  orgId: string;
  data: D;
}

/** What the Pipe's enrichment (and the local pump) puts on the bus. */
export type BusDetail = TicketEvent | JobEvent;

/** What a bus consumer receives: the EventBridge envelope around a ticket event. */
export interface BusEvent<D = TicketEvent> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}

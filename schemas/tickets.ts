import * as z from 'zod';
import { AssistSuggestion } from './assist';
import { AttachmentIds, AttachmentView } from './attachments';
import { Cursor, Id, IsoInstant, Limit } from './common';
import { TicketSlaView } from './sla-policies';
import { BULK_JOB_MAX, BULK_SYNC_MAX, CustomFields, LinkKind, Tag, Tags, TicketPriority, TicketStatus, TicketType } from './ticket-enums';

// Defined beside the enums (no phone validation there) for modules that need only them. The
// phone-validated requester and the create body are in ./ticket-create (libphonenumber-js is
// 125 KB of a bundle: only the route groups that take a requester carry it).
export { BULK_JOB_MAX, BULK_SYNC_MAX, CustomFields, Tag, Tags, TicketPriority, TicketStatus, TicketType } from './ticket-enums';

export const UpdateTicketBody = z
  .strictObject({
    subject: z.string().trim().min(1).max(250).optional(),
    description: z.string().trim().min(1).max(50_000).optional(),
    priority: TicketPriority.optional(),
    category: z.string().trim().min(1).max(100).nullable().optional(),
    type: TicketType.nullable().optional(),
    departmentId: Id.nullable().optional(),
    tags: Tags.optional(),
    customFields: CustomFields.optional(),
    status: TicketStatus.optional(),
    resolution: z.string().trim().min(1).max(10_000).optional().describe('Required text when status becomes resolved.'),
    assigneeId: Id.nullable().optional().describe('null unassigns.'),
    customStatusId: Id.nullable().optional()
      .describe('A custom status (GET /v1/statuses); the ticket moves to its category through the status machine. null clears it.'),
  })
  .refine((body) => Object.keys(body).length > 0, 'at least one field to change')
  .refine((body) => body.resolution === undefined || body.status === 'resolved' || !!body.customStatusId, {
    message: 'resolution goes with status "resolved" (or a custom status in that category)',
    path: ['resolution'],
  })
  .meta({ id: 'UpdateTicketBody' });
export type UpdateTicketBody = z.infer<typeof UpdateTicketBody>;

export const EscalateTicketBody = z
  .strictObject({
    tier: z.number().int().min(1).max(3).optional(),
    departmentId: Id.optional().describe('Hand the ticket to this department: it is unassigned and routed within it'),
    assigneeId: Id.optional().describe('Hand the ticket to this agent'),
    reason: z.string().trim().min(1).max(2000),
  })
  .refine((body) => body.tier !== undefined || body.departmentId !== undefined || body.assigneeId !== undefined, {
    message: 'name a tier, a department or an agent', path: ['tier'],
  })
  .meta({ id: 'EscalateTicketBody' });
export type EscalateTicketBody = z.infer<typeof EscalateTicketBody>;

export const SortField = z.enum(['updatedAt', 'createdAt']);
export const ListTicketsQuery = z
  .strictObject({
    status: TicketStatus.optional(),
    priority: TicketPriority.optional(),
    assigneeId: z.union([Id, z.literal('unassigned')]).optional(),
    requesterEmail: z.email().max(254).optional(),
    tag: Tag.optional(),
    category: z.string().min(1).max(100).optional(),
    channel: z.string().min(1).max(32).regex(/^[a-z][a-z0-9_-]*$/, 'a channel name such as email or api').optional(),
    type: TicketType.optional(),
    departmentId: Id.optional(),
    customStatusId: Id.optional().describe('Staff only: tickets carrying this custom status'),
    createdFrom: IsoInstant.optional(),
    createdTo: IsoInstant.optional(),
    updatedFrom: IsoInstant.optional(),
    updatedTo: IsoInstant.optional(),
    sort: SortField.default('updatedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: Limit,
    cursor: Cursor.optional(),
  })
  .meta({ id: 'ListTicketsQuery' });
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;

export const TicketIdParams = z.strictObject({ ticketId: Id });
export const TicketNumberParams = z.strictObject({
  number: z.string().regex(/^TKT-\d{4}-\d{6,}$/, 'a ticket number like TKT-2026-000123'),
});

const Person = z
  .object({ id: z.string().optional().describe('Absent for staff in a customer\'s view: customers see staff by name only'), name: z.string().optional(), role: z.string() })
  .meta({ id: 'Person' });

export const MessageView = z
  .object({
    id: z.string(),
    body: z.string(),
    internal: z.boolean(),
    author: Person,
    channel: z.string(),
    createdAt: z.string(),
    attachments: z.array(AttachmentView).describe('Download each with GET /v1/tickets/{ticketId}/attachments/{id}'),
    html: z.string().optional().describe('Mail only: the sanitized HTML; inline images (cid:) point at the download route'),
    mail: z
      .object({
        messageId: z.string().optional(),
        rawObjectKey: z.string().describe('Object-store key of the raw MIME as received'),
        attachments: z.array(z.object({
          filename: z.string(), contentType: z.string(), size: z.number().int(), inline: z.boolean(),
          contentId: z.string().optional(), objectKey: z.string().optional(), rejected: z.string().optional(),
        })),
      })
      .optional()
      .describe('Mail channel only: the received mail behind this message'),
    meta: z.object({
      messageId: z.string().optional().describe('Meta\'s id of the message (wamid..., Instagram mid)'),
      type: z.string().optional().describe('Meta\'s message type: text, image, location, interactive, reaction, story_mention, template, unsupported...'),
      details: z.record(z.string(), z.unknown()).optional().describe('What the type carried besides text (location, contacts, replies, referral, unsupported reason)'),
      delivery: z.object({
        status: z.string().describe('accepted, sent, delivered, read, played or failed'),
        at: z.string().optional(),
        error: z.unknown().optional().describe('Meta\'s error when failed'),
      }).optional().describe('Outbound only'),
    }).optional().describe('WhatsApp/Instagram messages only'),
  })
  .meta({ id: 'Message' });
export type MessageView = z.infer<typeof MessageView>;

export const ActivityView = z
  .object({
    id: z.string(),
    type: z.string().describe('The event detail-type, e.g. ticket.status.changed'),
    actor: Person,
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'Activity' });
export type ActivityView = z.infer<typeof ActivityView>;

export const TicketLinkView = z
  .object({
    ticketId: z.string(),
    number: z.string(),
    subject: z.string().describe('The other ticket\'s subject when the link was made'),
    kind: LinkKind.describe('What the other ticket is to this one'),
    at: z.string(),
  })
  .meta({ id: 'TicketLink' });
export type TicketLinkView = z.infer<typeof TicketLinkView>;

export const TicketView = z
  .object({
    id: z.string(),
    number: z.string(),
    subject: z.string(),
    description: z.string(),
    status: TicketStatus,
    priority: TicketPriority,
    category: z.string().nullable(),
    type: TicketType.nullable(),
    departmentId: z.string().nullable(),
    watchers: z.array(z.string()).optional().describe('Staff only: who follows the ticket'),
    tags: z.array(z.string()),
    customFields: CustomFields,
    requester: z.object({ name: z.string().nullable(), email: z.string(), phone: z.string().nullable() }),
    assigneeId: z.string().nullable().describe('Staff only; null in a customer\'s view, which has assigneeName instead'),
    assigneeName: z.string().nullable().optional().describe('Customers only: the assignee\'s display name'),
    escalation: z.object({ tier: z.number(), escalated: z.boolean(), reason: z.string().nullable(), at: z.string().nullable() }),
    resolution: z.object({ text: z.string(), by: z.string().describe('Staff see the user id, customers the display name'), at: z.string() }).nullable(),
    channel: z.string(),
    chatId: z.string().optional().describe('The chat this ticket was opened from (chat-to-ticket)'),
    messageCount: z.number().int().describe('Public messages; staff also see noteCount.'),
    noteCount: z.number().int().optional(),
    assist: AssistSuggestion.nullable().optional().describe('Staff only: what the assistant suggested when the ticket came in'),
    firstResponseAt: z.string().nullable(),
    lastMessageAt: z.string().nullable().describe('The latest public message (the description counts as the first)'),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: z.string() }).nullable().describe('The requester\'s satisfaction rating, once given'),
    sla: TicketSlaView.nullable().describe('SLA due times and breaches (staff only; null for customers and tickets without SLA state)'),
    statusLabel: z.string().optional()
      .describe('How the status reads: staff see the custom status name, customers its customer label (else the status\'s own label)'),
    customStatus: z.object({ id: z.string(), name: z.string(), category: TicketStatus }).nullable().optional()
      .describe('Staff only: the custom status the ticket carries (its category is `status`)'),
    mergedInto: z.object({ id: z.string(), number: z.string(), at: z.string() }).nullable().optional()
      .describe('Set once the ticket was merged into another: it is closed and its conversation continues there'),
    links: z.array(TicketLinkView).optional().describe('Staff only: linked tickets'),
    participants: z.array(z.string()).optional().describe('Staff only: other addresses that take part (e.g. requesters of tickets merged into this one)'),
  })
  .meta({ id: 'Ticket' });
export type TicketView = z.infer<typeof TicketView>;

export const TicketDetailView = TicketView.extend({
  messages: z.array(MessageView).describe('The newest messages, oldest first; `olderMessages` says when there are more'),
  olderMessages: z
    .object({ cursor: z.string(), href: z.string() })
    .nullable()
    .describe('Set when older messages were left out: GET href (messages, newest first, from the oldest shown)'),
  activities: z.array(ActivityView),
}).meta({ id: 'TicketDetail' });
export type TicketDetailView = z.infer<typeof TicketDetailView>;

export const TicketList = z
  .object({ items: z.array(TicketView), nextCursor: z.string().nullable() })
  .meta({ id: 'TicketList' });

export const BulkFilter = z
  .strictObject({
    status: TicketStatus.optional(),
    priority: TicketPriority.optional(),
    assigneeId: z.union([Id, z.literal('unassigned')]).optional(),
    tag: Tag.optional(),
    category: z.string().min(1).max(100).optional(),
    channel: z.string().min(1).max(32).optional(),
    departmentId: Id.optional(),
    createdFrom: IsoInstant.optional(),
    createdTo: IsoInstant.optional(),
  })
  .meta({ id: 'BulkFilter' });
export type BulkFilter = z.infer<typeof BulkFilter>;

export const BulkUpdateBody = z
  .strictObject({
    ticketIds: z.array(Id).min(1).max(BULK_JOB_MAX).refine((ids) => new Set(ids).size === ids.length, 'ticket ids must be distinct').optional()
      .describe(`Up to ${BULK_SYNC_MAX} are changed at once (200); more (up to ${BULK_JOB_MAX}) become a job (202)`),
    filter: BulkFilter.optional().describe(`The tickets a list with these filters shows (up to ${BULK_JOB_MAX}): always a job (202)`),
    changes: z
      .strictObject({
        status: TicketStatus.optional(),
        resolution: z.string().trim().min(1).max(10_000).optional(),
        priority: TicketPriority.optional(),
        assigneeId: Id.nullable().optional(),
        addTags: Tags.optional(),
        removeTags: Tags.optional(),
        escalate: z.strictObject({
          tier: z.number().int().min(1).max(3).optional(),
          departmentId: Id.optional(),
          reason: z.string().trim().min(1).max(2000),
        }).optional().describe('Escalate each ticket (a tier and/or a department) with a reason'),
        notify: z.strictObject({
          body: z.string().trim().min(1).max(20_000),
          internal: z.boolean().default(false),
        }).optional().describe('Write each ticket a message: a public reply (mailed to the requester) or an internal note'),
      })
      .refine((changes) => Object.keys(changes).length > 0, 'at least one change'),
  })
  .refine((body) => (body.ticketIds === undefined) !== (body.filter === undefined), { message: 'send ticketIds or a filter', path: ['ticketIds'] })
  .meta({ id: 'BulkUpdateBody' });
export type BulkUpdateBody = z.infer<typeof BulkUpdateBody>;

export const BulkUpdateResult = z
  .object({
    succeeded: z.number().int(),
    failed: z.number().int(),
    results: z.array(
      z.object({
        ticketId: z.string(),
        status: z.number().int().describe('The HTTP status this change alone would have had'),
        ticket: TicketView.optional(),
        problem: z.looseObject({ type: z.string(), title: z.string(), status: z.number() }).optional(),
      }),
    ),
  })
  .meta({ id: 'BulkUpdateResult' });

import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';
import { onGlobalIndex } from '../../manifest/table';
import { TicketPriority, TicketStatus } from '../../../schemas/ticket-enums';
import { decodeSlaState, encodeSlaState } from '../sla/sla-codec';
import { compressedText } from '../store/compressed-text';

/**
 * A ticket. It shares its partition with its messages and activities (collection `thread`),
 * so one Query reads the whole thread. Every index starts with the tenant.
 */
export const ticketEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'ticket', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        number: { type: 'string', required: true, readOnly: true },
        subject: { type: 'string', required: true },
        description: { ...compressedText(), required: true },
        status: { type: TicketStatus.options, required: true },
        priority: { type: TicketPriority.options, required: true },
        category: { type: 'string' },
        /** Team (issue 13): the routing department, the ticket type, the staff who follow it. */
        departmentId: { type: 'string' },
        type: { type: ['question', 'incident', 'problem', 'task'] as const },
        watchers: { type: 'list', items: { type: 'string' } },
        tags: { type: 'list', items: { type: 'string' }, required: true },
        customFields: { type: 'any', required: true },
        requesterEmail: { type: 'string', required: true },
        requesterName: { type: 'string' },
        requesterPhone: { type: 'string' },
        createdById: { type: 'string', required: true, readOnly: true },
        assigneeId: { type: 'string' },
        /** assigneeId, or `unassigned`: the unassigned queue is an index partition too. */
        assigneeKey: { type: 'string', required: true },
        escalationTier: { type: 'number', required: true },
        escalated: { type: 'boolean', required: true },
        escalationReason: { type: 'string' },
        escalatedAt: { type: 'string' },
        resolutionText: { type: 'string' },
        resolvedById: { type: 'string' },
        resolvedAt: { type: 'string' },
        closedAt: { type: 'string' },
        channel: { type: 'string', required: true, readOnly: true },
        /** The chat conversation this ticket was opened from (chat-to-ticket). */
        chatId: { type: 'string', readOnly: true },
        messageCount: { type: 'number', required: true },
        noteCount: { type: 'number', required: true },
        firstResponseAt: { type: 'string' },
        /** The latest public message (the description is the first). */
        lastMessageAt: { type: 'string' },
        /** SLA state (functions/domain/sla SlaState), kept on every write that changes it; stored compactly (sla-codec.ts). */
        sla: { type: 'any', get: (stored: unknown) => decodeSlaState(stored), set: (state?: unknown) => encodeSlaState(state) },
        /** Earliest pending SLA breach (ISO), or `none`: the sort key of the sparse gsi6. */
        slaNextBreachAt: { type: 'string', default: 'none' },
        /** When the ticket entered its current status (auto-close counts from here). */
        statusSince: { type: 'string' },
        /** The requester's satisfaction rating `{ score, comment, at }`, once. */
        rating: { type: 'any' },
        surveySentAt: { type: 'string' },
        /** When the requester's personal data was erased (privacy request): tracking links stop working. */
        requesterErasedAt: { type: 'string' },
        /** The assistant's suggestion when the ticket came in (staff only; issue 19). Not a state change: no version. */
        assist: { type: 'any' },
        /** WhatsApp/Instagram: the channel and contact the ticket talks to, and when the customer last wrote (the 24-hour window). */
        metaChannelId: { type: 'string', readOnly: true },
        metaContactId: { type: 'string', readOnly: true },
        lastInboundAt: { type: 'string' },
        /** Merge (issue 17): the ticket this one was merged into (it is closed; mail on its thread lands there). */
        mergedIntoId: { type: 'string' },
        mergedIntoNumber: { type: 'string' },
        mergedAt: { type: 'string' },
        /** Linked tickets `[{ ticketId, number, subject, kind, at }]`, at most MAX_LINKS: on the item, so views need no read. */
        links: { type: 'any' },
        /** Addresses besides the requester that take part (requesters of tickets merged into this one). */
        participants: { type: 'list', items: { type: 'string' } },
        /** A custom status of the organization; `status` is its category. */
        customStatusId: { type: 'string' },
        /**
         * The keys of the organization-wide update-ordered index (gsi1) tickets were written to
         * before the whole-organization list came from the status partitions
         * (list-across-statuses.ts): each change removes them (ticket-writes.ts), so an old
         * ticket's entry leaves that index once instead of being rewritten on every change.
         */
        retiredOrgIndexPk: { type: 'string', field: 'gsi1pk', hidden: true },
        retiredOrgIndexSk: { type: 'string', field: 'gsi1sk', hidden: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true },
      },
      indexes: {
        byId: {
          collection: 'thread',
          pk: { field: 'pk', composite: ['orgId', 'ticketId'] },
          sk: { field: 'sk', composite: [] },
        },
        // No organization-wide update-ordered index: list-across-statuses.ts merges byStatus instead.
        byOrgCreated: {
          ...onGlobalIndex('gsi2', ['orgId'], ['createdAt', 'ticketId']),
        },
        byStatus: {
          ...onGlobalIndex('gsi3', ['orgId', 'status'], ['updatedAt', 'ticketId']),
        },
        byAssignee: {
          ...onGlobalIndex('gsi4', ['orgId', 'assigneeKey'], ['updatedAt', 'ticketId']),
        },
        byRequester: {
          ...onGlobalIndex('gsi5', ['orgId', 'requesterEmail'], ['updatedAt', 'ticketId']),
        },
        /** Sparse: only tickets with a pending SLA breach, by its due time. */
        byNextBreach: {
          ...onGlobalIndex('gsi6', ['orgId'], ['slaNextBreachAt', 'ticketId']),
          condition: (attr: Record<string, unknown>) => typeof attr.slaNextBreachAt === 'string' && attr.slaNextBreachAt !== 'none',
        },
      },
    },
    config,
  );

export type TicketEntity = ReturnType<typeof ticketEntity>;
export type Ticket = EntityItem<TicketEntity>;

import type { ActivityView, MessageView, TicketDetailView, TicketLinkView, TicketView } from '../../../schemas/tickets';
import { type Caller, isStaff } from '../caller';
import type { SlaState } from '../sla/sla-state';
import { toTicketSlaView } from '../sla/to-ticket-sla-view';
import type { Activity } from './activity.entity';
import type { TicketThread } from './get-ticket';
import { downloadableAttachments } from './message-event';
import { maySeeEntry } from './customer-visibility';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';
import { metaMessageView } from '../meta/meta-message-view';

/** The ticket as the caller may see it: customers get no note counts. */
export function toTicketView(ticket: Ticket, caller: Caller): TicketView {
  const view: TicketView = {
    id: ticket.ticketId,
    number: ticket.number,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category ?? null,
    type: ticket.type ?? null,
    departmentId: ticket.departmentId ?? null,
    tags: ticket.tags,
    customFields: ticket.customFields,
    requester: { name: ticket.requesterName ?? null, email: ticket.requesterEmail, phone: ticket.requesterPhone ?? null },
    assigneeId: ticket.assigneeId ?? null,
    escalation: {
      tier: ticket.escalationTier,
      escalated: ticket.escalated,
      reason: ticket.escalationReason ?? null,
      at: ticket.escalatedAt ?? null,
    },
    resolution: ticket.resolutionText
      ? { text: ticket.resolutionText, by: ticket.resolvedById ?? '', at: ticket.resolvedAt ?? '' }
      : null,
    channel: ticket.channel,
    ...(ticket.chatId ? { chatId: ticket.chatId } : {}),
    messageCount: ticket.messageCount,
    firstResponseAt: ticket.firstResponseAt ?? null,
    lastMessageAt: ticket.lastMessageAt ?? null,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    version: ticket.version,
    rating: ticket.rating ? toRatingView(ticket.rating) : null,
    sla: ticket.sla && isStaff(caller) ? toTicketSlaView(ticket.sla as SlaState) : null,
    mergedInto: ticket.mergedIntoId ? { id: ticket.mergedIntoId, number: ticket.mergedIntoNumber ?? '', at: ticket.mergedAt ?? ticket.updatedAt } : null,
  };
  if (isStaff(caller)) {
    view.noteCount = ticket.noteCount;
    view.watchers = ticket.watchers ?? [];
    if (ticket.assist) view.assist = ticket.assist as TicketView['assist'];
    view.links = (ticket.links as TicketLinkView[] | undefined) ?? [];
    view.participants = ticket.participants ?? [];
  } else {
    view.escalation = { tier: 0, escalated: false, reason: null, at: null };
  }
  return view;
}

function toRatingView(rating: unknown): TicketView['rating'] {
  const { score, comment, at } = rating as { score: number; comment?: string | null; at: string };
  return { score, comment: comment ?? null, at };
}

export function toMessageView(message: Message): MessageView {
  const legacy = Array.isArray(message.attachments) ? (message.attachments as { id?: string }[]).filter((a) => !a.id) : [];
  const rejected = Array.isArray(message.rejectedAttachments) ? message.rejectedAttachments : [];
  return {
    id: message.messageId,
    body: message.body,
    internal: message.internal,
    author: { id: message.authorId, name: message.authorName, role: message.authorRole },
    channel: message.channel,
    createdAt: message.createdAt,
    attachments: downloadableAttachments(message),
    ...(message.html ? { html: message.html } : {}),
    ...(message.rawObjectKey
      ? { mail: { messageId: message.mailMessageId, rawObjectKey: message.rawObjectKey, attachments: [...legacy, ...rejected] as never } }
      : {}),
    ...metaMessageView(message),
  };
}

/** The message an event carries stays out of the activity view: the thread shows it already. */
export function toActivityView(activity: Activity): ActivityView {
  const { message: _message, ...data } = (activity.data ?? {}) as Record<string, unknown>;
  return {
    id: activity.activityId,
    type: activity.type,
    actor: { id: activity.actorId, name: activity.actorName, role: activity.actorRole },
    changes: activity.changes,
    data: activity.data === undefined ? undefined : data,
    createdAt: activity.createdAt,
  };
}

/**
 * Ticket with its thread; internal notes and internal activities are dropped for customers.
 * Staff ids are taken out of a customer's views by `ticketViewFor` (customer-view.ts).
 */
export function toTicketDetailView(thread: TicketThread, caller: Caller): TicketDetailView {
  const cursor = thread.olderMessagesCursor;
  return {
    ...toTicketView(thread.ticket, caller),
    messages: thread.messages.filter((m) => maySeeEntry(caller, m)).map(toMessageView),
    olderMessages: cursor
      ? { cursor, href: `/v1/tickets/${thread.ticket.ticketId}/messages?order=desc&cursor=${cursor}` }
      : null,
    // Customers see neither internal activities nor who follows the ticket.
    activities: thread.activities.filter((a) => maySeeEntry(caller, a)).map(toActivityView),
  };
}

/** Strong ETag of a ticket state; If-Match accepts it with or without quotes or W/. */
export const etagOf = (ticket: Pick<Ticket, 'version'>) => `"${ticket.version}"`;

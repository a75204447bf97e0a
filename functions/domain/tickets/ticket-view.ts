import type { ActivityView, MessageView, TicketDetailView, TicketView } from '../../../schemas/tickets';
import { type Caller, isStaff } from '../caller';
import { type SlaState, toTicketSlaView } from '../sla';
import type { Activity } from './activity.entity';
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
    messageCount: ticket.messageCount,
    firstResponseAt: ticket.firstResponseAt ?? null,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    version: ticket.version,
    sla: ticket.sla && isStaff(caller) ? toTicketSlaView(ticket.sla as SlaState) : null,
  };
  if (isStaff(caller)) view.noteCount = ticket.noteCount;
  else view.escalation = { tier: 0, escalated: false, reason: null, at: null };
  return view;
}

export function toMessageView(message: Message): MessageView {
  return {
    id: message.messageId,
    body: message.body,
    internal: message.internal,
    author: { id: message.authorId, name: message.authorName, role: message.authorRole },
    channel: message.channel,
    createdAt: message.createdAt,
    ...(message.rawObjectKey
      ? { mail: { messageId: message.mailMessageId, rawObjectKey: message.rawObjectKey, attachments: message.attachments ?? [] } }
      : {}),
    ...metaMessageView(message),
  };
}

export function toActivityView(activity: Activity): ActivityView {
  return {
    id: activity.activityId,
    type: activity.type,
    actor: { id: activity.actorId, name: activity.actorName, role: activity.actorRole },
    changes: activity.changes,
    data: activity.data,
    createdAt: activity.createdAt,
  };
}

/** Ticket with its thread; internal notes and internal activities are dropped for customers. */
export function toTicketDetailView(
  thread: { ticket: Ticket; messages: Message[]; activities: Activity[] },
  caller: Caller,
): TicketDetailView {
  const staff = isStaff(caller);
  return {
    ...toTicketView(thread.ticket, caller),
    messages: thread.messages.filter((m) => staff || !m.internal).map(toMessageView),
    activities: thread.activities.filter((a) => staff || !a.internal).map(toActivityView),
  };
}

/** Strong ETag of a ticket state; If-Match accepts it with or without quotes or W/. */
export const etagOf = (ticket: Pick<Ticket, 'version'>) => `"${ticket.version}"`;

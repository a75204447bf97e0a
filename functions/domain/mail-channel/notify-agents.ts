import { isStaffRole } from '../../../schemas/roles';
import type { TicketEvent } from '../../../schemas/events';
import type { Deps } from '../store/store';
import { composeNotification } from './compose-notification';
import { senderMailboxFor } from './mailboxes';
import type { MailSender } from '../ports/mail-sender';
import type { NotifyOutcome } from './notify-by-mail';
import type { NotificationKind } from './templates';

/** Which agent an event mails, and with what: a ticket assigned to them, a customer's reply on their ticket. */
export function agentNotificationOf(event: TicketEvent): { kind: NotificationKind; agentId: string } | undefined {
  if (event.type === 'ticket.assigned' || event.type === 'ticket.created') {
    const to = event.type === 'ticket.created' ? event.data?.assigneeId : event.changes?.assigneeId?.to;
    // Taking a ticket yourself needs no mail.
    return typeof to === 'string' && to !== event.actor.id ? { kind: 'agent-assigned', agentId: to } : undefined;
  }
  if (event.type === 'ticket.message.added' && !event.internal && event.data?.authorRole === 'customer' && event.ticket.assigneeId) {
    return { kind: 'agent-customer-reply', agentId: event.ticket.assigneeId };
  }
  return undefined;
}

/**
 * Mails the agent an event concerns (assignment to them, a customer reply on their ticket),
 * with the ticket link, unless their directory entry says `mailNotifications: off` or they
 * are no longer an active agent. The mail has no reply-token and is not part of the ticket's
 * mail thread: an agent answers in the helpdesk, not by mail. Never throws for "nothing to send".
 */
export async function notifyAgent(deps: Deps, mail: MailSender, event: TicketEvent, appUrl: string): Promise<NotifyOutcome> {
  const target = agentNotificationOf(event);
  if (!target) return { sent: false, why: 'no agent mail for this event' };
  const { orgId, ticketId } = event;
  const { data: agent } = await deps.store.entities.user.get({ orgId, userId: target.agentId }).go();
  if (!agent || !agent.active || !isStaffRole(agent.role)) return { sent: false, why: 'not an active agent' };
  if ((agent.mailNotifications ?? 'immediate') === 'off') return { sent: false, why: 'the agent turned mail notifications off' };
  const mailbox = await senderMailboxFor(deps, orgId);
  if (!mailbox) return { sent: false, why: 'the organization has no mailbox' };
  let body: string | undefined;
  if (target.kind === 'agent-customer-reply') {
    const { data: message } = await deps.store.entities.message.get({ orgId, ticketId, messageId: String(event.data?.messageId) }).go();
    if (!message) return { sent: false, why: 'message gone' };
    body = message.body.length > 2000 ? `${message.body.slice(0, 2000)}…` : message.body;
  }
  const domain = mailbox.address.split('@')[1];
  const messageId = `hd.${event.id.toLowerCase()}.agent@${domain}`;
  const raw = await composeNotification({
    kind: target.kind,
    messageId,
    from: { name: mailbox.displayName ?? 'Support', address: mailbox.address },
    to: agent.email,
    thread: [],
    ticket: { number: event.ticket.number, subject: event.ticket.subject },
    body,
    values: {
      agentName: agent.name,
      actorName: event.actor.name ?? 'Someone',
      requester: event.ticket.requesterEmail,
      ticketUrl: `${appUrl.replace(/\/$/, '')}/tickets/${ticketId}`,
    },
    templates: mailbox.templates,
    date: deps.now(),
  });
  await mail.send({ from: mailbox.address, to: [agent.email], raw });
  return { sent: true, kind: target.kind, messageId, to: agent.email };
}

import type { TicketEvent } from '../../../schemas/events';
import type { MailSender } from '../ports/mail-sender';
import type { Deps } from '../store/store';
import { replyAddressOf } from './addresses';
import { composeNotification } from './compose-notification';
import { recordMailRef, threadMailRefs } from './mail-refs';
import { mailboxesOf } from './mailboxes';
import { RECOVERED_TAG } from './recover-suspended-mail';
import type { NotificationKind } from './templates';
import { isMetaTicket } from '../meta/reply-window';


const STAFF_ROLES = new Set(['admin', 'supervisor', 'agent']);
/** Machines: never written to, so no loop can start from us. */
const NO_MAIL = /^(mailer-daemon|postmaster|mail-daemon|no-?reply|do-?not-?reply|bounces?)([+-][^@]*)?@/i;

export type NotifyOutcome = { sent: false; why: string } | { sent: true; kind: NotificationKind; messageId: string; to: string };

/** Which mail, if any, a ticket event sends to the requester. */
export function notificationKindOf(event: TicketEvent): NotificationKind | undefined {
  if (event.internal) return undefined;
  if (event.type === 'ticket.created') return event.ticket.channel === 'email' ? 'created' : undefined;
  if (event.type === 'ticket.message.added') return STAFF_ROLES.has(String(event.data?.authorRole)) ? 'reply' : undefined;
  if (event.type === 'ticket.status.changed') {
    const to = event.changes?.status?.to;
    return to === 'resolved' || to === 'closed' ? to : undefined;
  }
  return undefined;
}

/**
 * Sends the requester the mail a ticket event calls for (confirmation of a mail ticket, a
 * public agent reply, resolved/closed), threaded on the ticket's earlier mail, and remembers
 * its Message-ID so replies and bounces find the ticket. Never throws for "nothing to send".
 */
export async function notifyByMail(deps: Deps, mail: MailSender, event: TicketEvent): Promise<NotifyOutcome> {
  const kind = notificationKindOf(event);
  if (!kind) return { sent: false, why: 'no mail for this event' };
  const { orgId, ticketId } = event;
  const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId }).go();
  if (!ticket) return { sent: false, why: 'ticket gone' };
  if (isMetaTicket(ticket)) return { sent: false, why: 'the requester is answered on WhatsApp/Instagram' };
  if (kind === 'created' && ticket.tags.includes(RECOVERED_TAG)) return { sent: false, why: 'recovered mail gets no automatic confirmation' };
  const to = ticket.requesterEmail;
  if (NO_MAIL.test(to)) return { sent: false, why: 'requester is a mail system' };
  const refs = await threadMailRefs(deps, orgId, ticketId);
  const mailboxes = await mailboxesOf(deps, orgId);
  const used = refs.map((ref) => ref.mailbox).filter(Boolean).at(-1);
  const mailbox = mailboxes.find((m) => m.address === used) ?? mailboxes[0];
  if (!mailbox) return { sent: false, why: 'the organization has no mailbox' };
  let body: string | undefined;
  if (kind === 'reply') {
    const messageId = String(event.data?.messageId);
    const { data: message } = await deps.store.entities.message.get({ orgId, ticketId, messageId }).go();
    if (!message || message.internal) return { sent: false, why: 'no public message' };
    body = message.body;
  }
  const domain = mailbox.address.split('@')[1];
  const messageId = `hd.${event.id.toLowerCase()}@${domain}`;
  const raw = await composeNotification({
    kind,
    messageId,
    from: { name: mailbox.displayName ?? 'Support', address: mailbox.address },
    to,
    replyTo: replyAddressOf(mailbox.address, ticketId),
    thread: refs.map((ref) => ref.messageId),
    ticket: { number: ticket.number, subject: ticket.subject, requesterName: ticket.requesterName, resolution: ticket.resolutionText },
    body,
    templates: mailbox.templates,
    date: deps.now(),
  });
  // Recorded before sending: a reply may come back before the send call returns.
  await recordMailRef(deps, { orgId, ticketId, messageId, direction: 'out', to, mailbox: mailbox.address });
  await mail.send({ from: mailbox.address, to: [to], raw });
  return { sent: true, kind, messageId, to };
}

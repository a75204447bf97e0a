import type { TicketEvent } from '../../../schemas/events';
import { replyAddressOf } from '../mail-channel/addresses';
import { senderMailboxFor } from '../mail-channel/mailboxes';
import { recordMailRef } from '../mail-channel/mail-refs';
import type { NotifyOutcome } from '../mail-channel/notify-by-mail';
import type { MailSender } from '../ports';
import { buildMail } from '../mail-channel/build-mail';
import { render } from '../mail-channel/templates';
import type { Deps } from '../store/store';

/** The web form's confirmation: the ticket number and the tracking link (the only place it is sent). */
export const WEB_CONFIRMATION_TEMPLATE = {
  subject: 'We received your request: {{subject}}',
  text: 'Hello {{name}},\n\nthank you for contacting us. Your request has been received as ticket {{number}}.\n\n'
    + 'Follow it and reply here:\n{{trackingUrl}}\n\nKeep this link private: anyone who has it can read and answer the request. '
    + 'You can also simply reply to this mail.\n\n{{signature}}',
};

/**
 * Mails the requester of a web-form ticket its tracking link, from the organization's primary
 * mailbox, and then forgets the link: the clear token lived only in the pending item the
 * ticket's transaction wrote. A redelivered event finds no pending item and sends nothing.
 */
export async function sendWebConfirmation(deps: Deps, mail: MailSender, event: TicketEvent): Promise<NotifyOutcome> {
  const { orgId, ticketId } = event;
  const { data: pending } = await deps.store.entities.trackingMail.get({ orgId, ticketId }).go({ consistent: true });
  if (!pending) return { sent: false, why: 'no tracking link owed (already mailed or expired)' };
  const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId }).go();
  if (!ticket) return { sent: false, why: 'ticket gone' };
  const mailbox = await senderMailboxFor(deps, orgId);
  if (!mailbox) return { sent: false, why: 'the organization has no mailbox' };
  const signature = mailbox.displayName ?? 'Support';
  const values = { subject: ticket.subject, number: ticket.number, name: ticket.requesterName || 'there', trackingUrl: pending.trackingUrl, signature };
  const text = render(WEB_CONFIRMATION_TEMPLATE.text, values).trim();
  const messageId = `hd.${event.id.toLowerCase()}@${mailbox.address.split('@')[1]}`;
  const raw = await buildMail({
    from: { name: signature, address: mailbox.address },
    to: ticket.requesterEmail,
    replyTo: replyAddressOf(mailbox.address, ticketId),
    subject: `[${ticket.number}] ${render(WEB_CONFIRMATION_TEMPLATE.subject, values)}`,
    text,
    messageId,
    date: deps.now(),
    headers: { 'X-Helpdesk-Ticket': ticket.number, 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  });
  await recordMailRef(deps, { orgId, ticketId, messageId, direction: 'out', to: ticket.requesterEmail, mailbox: mailbox.address });
  await mail.send({ from: mailbox.address, to: [ticket.requesterEmail], raw });
  await deps.store.entities.trackingMail.delete({ orgId, ticketId }).go();
  return { sent: true, kind: 'created', messageId, to: ticket.requesterEmail };
}

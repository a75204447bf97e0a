import type { ParsedMail } from '../email/parse-mail';
import { extractReply } from '../email/extract-reply';
import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { addMessage } from '../tickets/add-message';
import { stableUlid } from '../stable-id';
import { createTicket } from '../tickets/create-ticket';
import { isTerminalStatus } from '../status-groups';
import { splitAddress } from './addresses';
import type { AttachmentStore } from '../ports/attachment-store';
import { htmlWithInlineImages, storeMailAttachments } from './store-attachments';
import type { ThreadMatch } from './thread-mail';

export interface MailDelivery {
  orgId: string;
  mail: ParsedMail;
  sender: string;
  rawObjectKey: string;
  /** The mailbox it came in on (replies go out from it). */
  mailbox: string;
  /** The organization's mailbox addresses: never recorded as participants. */
  mailboxes: string[];
  thread?: ThreadMatch;
  tags?: string[];
  /** The inbound mail's dedupe key: a retry after a crash opens the same ticket, not a second one. */
  dedupeKey?: string;
  /** The id its message gets (from the inbound claim): a retry after a crash adds the same message once. */
  messageId?: string;
}

export { AUTOMATED_MAIL_TAG } from './mail-tags';

export type Delivered = { kind: 'created' | 'replied'; ticketId: string; number: string };

/**
 * Puts a mail on its ticket as a customer message, or opens a ticket for it (requester = the
 * sender) when it continues none or only a closed one. Attachments go to the object store
 * under the ticket; the message keeps the raw mail's key and the Message-ID.
 */
export async function deliverMail(deps: Deps, files: AttachmentStore, delivery: MailDelivery): Promise<Delivered> {
  const { mail, sender, orgId } = delivery;
  const body = (extractReply(mail).trim() || mail.text.trim() || '(no text)').slice(0, 100_000);
  const name = mail.from?.name?.trim().slice(0, 200) || undefined;
  const open = delivery.thread && !isTerminalStatus(delivery.thread.ticket.status) ? delivery.thread.ticket : undefined;
  const source = { rawObjectKey: delivery.rawObjectKey, mailMessageId: mail.messageId };
  // The Message-ID is recorded in the same transaction as the ticket or message, so whoever
  // reads the thread after the event (the confirmation mail) finds it.
  const mailRef = mail.messageId ? { messageId: mail.messageId, mailbox: delivery.mailbox } : undefined;
  let result: Delivered;
  if (!open) {
    // Ticket and first message commit together; attachments are stored first, under its id.
    const ticketId = delivery.dedupeKey
      ? stableUlid(`ticket\u0000${orgId}\u0000${delivery.dedupeKey}`, mail.date ? new Date(mail.date) : new Date(0))
      : deps.newId();
    const stored = await storeMailAttachments(deps, files, { orgId, ticketId }, mail.attachments);
    const caller: Caller = { orgId, userId: `email:${sender}`, email: sender, name, role: 'customer' };
    const ticket = await createTicket(deps, caller, {
      subject: (mail.subject.trim() || '(no subject)').slice(0, 250),
      description: body.slice(0, 50_000),
      priority: 'medium',
      tags: delivery.tags ?? [],
      customFields: {},
    }, 'email', {
      ticketId,
      firstMessage: { body, ...source, ...messageFiles(mail, ticketId, stored), ...(delivery.messageId ? { messageId: delivery.messageId } : {}) },
      mailRef,
    });
    await recordParticipants(deps, orgId, ticket.ticketId, mail, [sender, ...delivery.mailboxes]);
    result = { kind: 'created', ticketId, number: ticket.number };
  } else {
    // Someone other than the requester (a Cc'd colleague, a token reply from another address)
    // writes as a customer of this ticket; authorId keeps who actually wrote.
    const author: Caller = { orgId, userId: `email:${sender}`, email: open.requesterEmail, name: name ?? sender, role: 'customer' };
    result = { kind: 'replied', ticketId: open.ticketId, number: open.number };
    if (delivery.messageId && (await messageExists(deps, orgId, open.ticketId, delivery.messageId))) return result; // a retry after a crash
    const stored = await storeMailAttachments(deps, files, { orgId, ticketId: open.ticketId }, mail.attachments);
    await addMessage(deps, author, open.ticketId, { body, internal: false }, 'email', {
      ...source, ...messageFiles(mail, open.ticketId, stored), ...(delivery.messageId ? { messageId: delivery.messageId } : {}), mailRef,
    });
  }
  return result;
}

function messageFiles(mail: ParsedMail, ticketId: string, stored: Awaited<ReturnType<typeof storeMailAttachments>>) {
  const html = htmlWithInlineImages(mail.html, ticketId, stored.attachments);
  return {
    attachments: stored.attachments,
    ...(stored.rejected.length ? { rejectedAttachments: stored.rejected } : {}),
    ...(html ? { html } : {}),
  };
}

async function messageExists(deps: Deps, orgId: string, ticketId: string, messageId: string): Promise<boolean> {
  const { data } = await deps.store.entities.message.get({ orgId, ticketId, messageId }).go({ consistent: true });
  return !!data;
}

async function recordParticipants(deps: Deps, orgId: string, ticketId: string, mail: ParsedMail, exclude: string[]) {
  const skip = new Set(exclude.map((a) => splitAddress(a).base));
  const addresses = [...new Set([...mail.to, ...mail.cc].map((a) => a.address).filter((a) => a && !skip.has(splitAddress(a).base)))];
  for (const address of addresses.slice(0, 20)) {
    await deps.store.entities.mailParticipant.put({ orgId, ticketId, address }).go();
  }
}

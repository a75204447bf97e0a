import { buildMail } from './build-mail';
import { type NotificationKind, render, templateFor } from './templates';

export interface NotificationInput {
  kind: NotificationKind;
  /** Bare Message-ID of this mail (deterministic per event, so a retried send reuses it). */
  messageId: string;
  from: { name: string; address: string };
  to: string;
  /** The reply-token address; none on mail to agents (their answer belongs in the helpdesk). */
  replyTo?: string;
  /** Bare Message-IDs of the thread, oldest first. */
  thread: string[];
  ticket: { number: string; subject: string; requesterName?: string; resolution?: string };
  body?: string;
  /** More template values: links, the agent's name, ... */
  values?: Record<string, string>;
  /** One-click unsubscribe URL (RFC 8058): sets List-Unsubscribe and List-Unsubscribe-Post. */
  unsubscribeUrl?: string;
  /** The mail answers a mail the customer sent (RFC 3834 `auto-replied` rather than `auto-generated`). */
  answersMail?: boolean;
  templates?: unknown;
  date: Date;
}

/**
 * Builds the raw MIME of a notification: text and HTML from the template, our Message-ID,
 * In-Reply-To/References so clients thread it, the reply-token Reply-To, the ticket number in
 * the subject, and `Auto-Submitted` on automatic mail (RFC 3834) so other systems do not answer.
 */
export async function composeNotification(input: NotificationInput): Promise<Buffer> {
  const template = templateFor(input.kind, input.templates);
  const values = {
    subject: input.ticket.subject,
    number: input.ticket.number,
    name: input.ticket.requesterName || 'there',
    body: input.body,
    resolution: input.ticket.resolution,
    signature: input.from.name,
    ...input.values,
  };
  const text = render(template.text, values).trim();
  const subject = `[${input.ticket.number}] ${render(template.subject, values)}`;
  const headers: Record<string, string> = { 'X-Helpdesk-Ticket': input.ticket.number };
  if (input.kind !== 'reply') {
    headers['Auto-Submitted'] = input.answersMail ? 'auto-replied' : 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  if (input.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${input.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return buildMail({
    from: input.from, to: input.to, replyTo: input.replyTo, subject, text, messageId: input.messageId, thread: input.thread, headers, date: input.date,
  });
}

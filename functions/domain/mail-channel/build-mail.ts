import MailComposer from 'nodemailer/lib/mail-composer';
import { textToHtml } from './templates';

type Address = string | { name: string; address: string };

export interface OutboundMail {
  from: { name: string; address: string };
  to: Address;
  /** The reply-token address, when answers belong on a ticket. */
  replyTo?: string;
  subject: string;
  text: string;
  /** Defaults to the text as simple HTML paragraphs. */
  html?: string;
  /** Bare Message-ID (deterministic per event or report, so a retried send reuses it). */
  messageId: string;
  /** Bare Message-IDs of the ticket's mail thread, oldest first: In-Reply-To and References. */
  thread?: readonly string[];
  headers?: Record<string, string>;
  date: Date;
}

const bracket = (id: string) => `<${id}>`;

/**
 * The raw MIME of every mail the helpdesk sends (notifications, the web form's confirmation, the
 * weekly summary): one place that brackets Message-IDs, threads on the earlier mail and adds
 * the HTML part, so the three senders differ only in what they say.
 */
export async function buildMail(mail: OutboundMail): Promise<Buffer> {
  const thread = mail.thread ?? [];
  return new MailComposer({
    from: mail.from,
    to: mail.to,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? textToHtml(mail.text),
    messageId: bracket(mail.messageId),
    date: mail.date,
    ...(thread.length ? { inReplyTo: bracket(thread.at(-1)!), references: thread.map(bracket) } : {}),
    ...(mail.headers ? { headers: mail.headers } : {}),
  }).compile().build();
}

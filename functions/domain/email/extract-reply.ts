import type { ParsedMail } from './parse-mail';
import { htmlToVisibleReply } from './strip-html-reply';
import { visibleReply } from './strip-reply';

/**
 * The body to store on the ticket: what the sender wrote, without quoted history or
 * signature. Uses the text/plain part when the mail has one (the format reply parsers are
 * built for) and the HTML otherwise. Never throws.
 */
export function extractReply(mail: Pick<ParsedMail, 'text' | 'textFromHtml' | 'html' | 'from'>): string {
  const options = { sender: mail.from?.name || mail.from?.address };
  if (mail.html && (mail.textFromHtml || !mail.text.trim())) return htmlToVisibleReply(mail.html, options);
  return visibleReply(mail.text, options);
}

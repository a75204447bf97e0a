import type { ParsedMail } from './parse-mail';
import { htmlToVisibleReply } from './strip-html-reply';
import { visibleReply } from './strip-reply';

// "Fwd:", Outlook's "FW:" and their translations, first in the subject (so "RE: FW: ..." is a reply).
// (VS: is a forward in Danish and Norwegian but a reply in Finnish: keeping a Finnish reply's
// history whole is the safer mistake.)
const FORWARD_SUBJECT = /^\s*(fwd?|fw|wg|tr|rv|enc|i|doorst|vs|vb|vl|pd|prz|přeposlat|[iİ]lt|πρθ|továbbítás|пересл|转发|轉寄|転送|전달)\s*[:：]/iu;

/**
 * The body to store on the ticket: what the sender wrote, without quoted history or
 * signature. Uses the text/plain part when the mail has one (the format reply parsers are
 * built for) and the HTML otherwise. Never throws.
 */
export function extractReply(mail: Pick<ParsedMail, 'text' | 'textFromHtml' | 'html' | 'from'> & Partial<Pick<ParsedMail, 'subject'>>): string {
  const options = { sender: mail.from?.name || mail.from?.address, forward: FORWARD_SUBJECT.test(mail.subject ?? '') };
  if (mail.html && (mail.textFromHtml || !mail.text.trim())) return htmlToVisibleReply(mail.html, options);
  return visibleReply(mail.text, options);
}

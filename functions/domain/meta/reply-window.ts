import { META_CHANNEL_KINDS } from '../../../schemas/channels';
import type { AddMessageBody, MessageTemplate } from '../../../schemas/messages';
import { type Caller, isStaff } from '../caller';
import { RuleViolationError } from '../errors';
import type { Ticket } from '../tickets/ticket.entity';
import { MessagingWindowClosedError } from './errors';

/** Meta's customer-service window: free text within 24 h of the customer's last message. */
export const REPLY_WINDOW_MS = 24 * 3600 * 1000;
export const META_CHANNELS = new Set<string>(META_CHANNEL_KINDS);

export const isMetaTicket = (ticket: Pick<Ticket, 'channel'>) => META_CHANNELS.has(ticket.channel);

/** When the window closes (closed) for a ticket, from its last inbound message; undefined without one. */
export function windowClosesAt(ticket: Pick<Ticket, 'lastInboundAt'>): Date | undefined {
  return ticket.lastInboundAt ? new Date(Date.parse(ticket.lastInboundAt) + REPLY_WINDOW_MS) : undefined;
}

/**
 * The reply rules of a messaging ticket, checked on the request path: a public staff reply is
 * free text inside the 24-hour window, a WhatsApp template at any time. Templates exist only on
 * WhatsApp tickets.
 * @throws MessagingWindowClosedError (409) for free text outside the window.
 * @throws RuleViolationError for a template where none can be sent.
 */
export function assertReplyWindow(ticket: Ticket, input: AddMessageBody, caller: Caller, now: Date): void {
  if (input.template) {
    if (input.internal) throw new RuleViolationError('an internal note cannot be a template', '#/template');
    if (ticket.channel !== 'whatsapp') throw new RuleViolationError('templates are sent on WhatsApp tickets only', '#/template');
    return;
  }
  if (input.internal || !isStaff(caller) || !isMetaTicket(ticket)) return;
  const closesAt = windowClosesAt(ticket);
  if (!closesAt || closesAt.getTime() <= now.getTime()) throw new MessagingWindowClosedError(closesAt);
}

/** The text a template message keeps in the thread. */
export function templateText(template: MessageTemplate): string {
  const parameters = template.parameters.map((p) => (typeof p === 'string' ? p : p.text));
  return `[template ${template.name} (${template.language})]${parameters.length ? ` ${parameters.join(' | ')}` : ''}`;
}

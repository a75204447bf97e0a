import type { Message } from '../tickets/message.entity';
import type { Ticket } from '../tickets/ticket.entity';

const STAFF = new Set(['admin', 'supervisor', 'agent']);

/** A ticket as a model may read it: public facts and public messages only, never notes or staff ids. */
export function ticketSummary(ticket: Ticket, messages?: Message[]) {
  return {
    ticketId: ticket.number,
    id: ticket.ticketId,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    category: ticket.category ?? null,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    resolution: ticket.resolutionText ?? null,
    ...(messages
      ? {
          messages: messages.filter((m) => !m.internal).slice(-20).map((m) => ({
            from: STAFF.has(m.authorRole) ? 'support' : 'customer',
            body: m.body,
            at: m.createdAt,
          })),
        }
      : {}),
  };
}

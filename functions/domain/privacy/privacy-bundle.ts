import { readTickets } from '../store/read-tickets';
import type { Deps } from '../store/store';
import { normaliseEmail } from '../tickets/access';
import type { Ticket } from '../tickets/ticket.entity';

/** The requester's tickets: the requester index (org + email), a page at a time; never a Scan. */
export async function* requesterTicketPages(deps: Deps, orgId: string, email: string): AsyncGenerator<Ticket[]> {
  let cursor: string | null = null;
  do {
    const page: { data: Ticket[]; cursor: string | null } = await deps.store.entities.ticket.query
      .byRequester({ orgId, requesterEmail: email })
      .go({ cursor, limit: 50 });
    // The index carries only keys and filter attributes: the page's tickets are read whole by id.
    yield readTickets(deps, orgId, page.data.map((t) => t.ticketId));
    cursor = page.cursor;
  } while (cursor);
}

/**
 * Everything kept about a requester (GDPR access): each ticket with its public messages, rating
 * and the list of attachments. Internal notes are staff's, not the requester's data, and stay out.
 */
export async function privacyBundle(deps: Deps, orgId: string, email: string) {
  const tickets = [];
  for await (const page of requesterTicketPages(deps, orgId, normaliseEmail(email))) {
    for (const ticket of page) {
      const { data: messages } = await deps.store.entities.message.query.byTicket({ orgId, ticketId: ticket.ticketId }).go({ pages: 'all' });
      const visible = messages.filter((m) => !m.internal);
      tickets.push({
        number: ticket.number, subject: ticket.subject, description: ticket.description, status: ticket.status, channel: ticket.channel,
        createdAt: ticket.createdAt, updatedAt: ticket.updatedAt,
        requester: { email: ticket.requesterEmail, name: ticket.requesterName ?? null, phone: ticket.requesterPhone ?? null },
        rating: ticket.rating ?? null,
        messages: visible.map((m) => ({ id: m.messageId, createdAt: m.createdAt, authorRole: m.authorRole, channel: m.channel, body: m.body })),
        attachments: visible.flatMap((m) => ((m.attachments ?? []) as { id: string; filename: string; contentType: string; size: number }[])
          .map((a) => ({ id: a.id, messageId: m.messageId, filename: a.filename, contentType: a.contentType, size: a.size }))),
      });
    }
  }
  return { email, orgId, generatedAt: deps.now().toISOString(), tickets };
}

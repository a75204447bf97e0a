import type { CreateTicketBody, EscalateTicketBody, ListTicketsQuery, UpdateTicketBody } from '../../../schemas/tickets';
import { openTicket } from '../../domain/tickets/open-ticket';
import { escalateTicket } from '../../domain/tickets/escalate-ticket';
import { getTicketThread, getTicketThreadByNumber } from '../../domain/tickets/get-ticket';
import { listTickets } from '../../domain/tickets/list-tickets';
import { etagOf, toTicketDetailView, toTicketView } from '../../domain/tickets/ticket-view';
import { updateTicket } from '../../domain/tickets/update-ticket';
import { customFieldsLens } from '../../domain/catalog/check-ticket-fields';
import { routeGroup } from '../kit/http-route';

type TicketParams = { ticketId: string };

export const handler = routeGroup('tickets', {
  createTicket: async ({ caller, body }, { deps, ports }) => {
    const ticket = await openTicket(deps, caller, body, body.attachmentIds?.length ? { attachments: ports.attachments } : {});
    const lens = await customFieldsLens(deps, caller);
    return {
      status: 201,
      body: lens(toTicketView(ticket, caller)),
      headers: { location: `/v1/tickets/${ticket.ticketId}`, etag: etagOf(ticket) },
    };
  },

  listTickets: async ({ caller, query }, { deps }) => {
    const [page, lens] = await Promise.all([listTickets(deps, caller, query), customFieldsLens(deps, caller)]);
    return { status: 200, body: { items: page.items.map((t) => lens(toTicketView(t, caller))), nextCursor: page.nextCursor } };
  },

  getTicket: async ({ caller, params }, { deps }) => {
    const [thread, lens] = await Promise.all([getTicketThread(deps, caller, params.ticketId), customFieldsLens(deps, caller)]);
    return { status: 200, body: lens(toTicketDetailView(thread, caller)), headers: { etag: etagOf(thread.ticket) } };
  },

  getTicketByNumber: async ({ caller, params }, { deps }) => {
    const [thread, lens] = await Promise.all([getTicketThreadByNumber(deps, caller, params.number), customFieldsLens(deps, caller)]);
    return { status: 200, body: lens(toTicketDetailView(thread, caller)), headers: { etag: etagOf(thread.ticket) } };
  },

  updateTicket: async ({ caller, params, body, ifMatchVersion }, { deps }) => {
    const ticket = await updateTicket(deps, caller, params.ticketId, body, ifMatchVersion);
    return { status: 200, body: toTicketView(ticket, caller), headers: { etag: etagOf(ticket) } };
  },

  escalateTicket: async ({ caller, params, body, ifMatchVersion }, { deps }) => {
    const ticket = await escalateTicket(deps, caller, params.ticketId, body, ifMatchVersion);
    return { status: 200, body: toTicketView(ticket, caller), headers: { etag: etagOf(ticket) } };
  },
});

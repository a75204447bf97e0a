import type { CreateTicketBody, EscalateTicketBody, ListTicketsQuery, UpdateTicketBody } from '../../../schemas/tickets';
import { attachmentStore } from '../../adapters/attachment-store';
import { openTicket } from '../../domain/tickets/open-ticket';
import { escalateTicket } from '../../domain/tickets/escalate-ticket';
import { getTicketThread, getTicketThreadByNumber } from '../../domain/tickets/get-ticket';
import { listTickets } from '../../domain/tickets/list-tickets';
import { etagOf, toTicketDetailView, toTicketView } from '../../domain/tickets/ticket-view';
import { updateTicket } from '../../domain/tickets/update-ticket';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

type TicketParams = { ticketId: string };

export const handler = routeGroup('tickets', {
  createTicket: async ({ caller, body }: ParsedRequest<CreateTicketBody>) => {
    const ticket = await openTicket(deps, caller, body, body.attachmentIds?.length ? { attachments: attachmentStore() } : {});
    return {
      status: 201,
      body: toTicketView(ticket, caller),
      headers: { location: `/v1/tickets/${ticket.ticketId}`, etag: etagOf(ticket) },
    };
  },

  listTickets: async ({ caller, query }: ParsedRequest<unknown, ListTicketsQuery>) => {
    const page = await listTickets(deps, caller, query);
    return { status: 200, body: { items: page.items.map((t) => toTicketView(t, caller)), nextCursor: page.nextCursor } };
  },

  getTicket: async ({ caller, params }: ParsedRequest<unknown, unknown, TicketParams>) => {
    const thread = await getTicketThread(deps, caller, params.ticketId);
    return { status: 200, body: toTicketDetailView(thread, caller), headers: { etag: etagOf(thread.ticket) } };
  },

  getTicketByNumber: async ({ caller, params }: ParsedRequest<unknown, unknown, { number: string }>) => {
    const thread = await getTicketThreadByNumber(deps, caller, params.number);
    return { status: 200, body: toTicketDetailView(thread, caller), headers: { etag: etagOf(thread.ticket) } };
  },

  updateTicket: async ({ caller, params, body, ifMatchVersion }: ParsedRequest<UpdateTicketBody, unknown, TicketParams>) => {
    const ticket = await updateTicket(deps, caller, params.ticketId, body, ifMatchVersion);
    return { status: 200, body: toTicketView(ticket, caller), headers: { etag: etagOf(ticket) } };
  },

  escalateTicket: async ({ caller, params, body, ifMatchVersion }: ParsedRequest<EscalateTicketBody, unknown, TicketParams>) => {
    const ticket = await escalateTicket(deps, caller, params.ticketId, body, ifMatchVersion);
    return { status: 200, body: toTicketView(ticket, caller), headers: { etag: etagOf(ticket) } };
  },
});

import type { CreateTicketBody } from '../../../schemas/ticket-create';
import type { EscalateTicketBody, ListTicketsQuery, UpdateTicketBody } from '../../../schemas/tickets';
import { openTicket } from '../../domain/tickets/open-ticket';
import { escalateTicket } from '../../domain/tickets/escalate-ticket';
import { getTicketThread, getTicketThreadByNumber } from '../../domain/tickets/get-ticket';
import { listTickets } from '../../domain/tickets/list-tickets';
import { ticketViewFor } from '../../domain/tickets/customer-view';
import { etagOf, toTicketDetailView, toTicketView } from '../../domain/tickets/ticket-view';
import { updateTicket } from '../../domain/tickets/update-ticket';
import { shapeTicketViews, ticketViewsFor } from '../../domain/statuses/ticket-views';
import { CORE_ROUTES } from '../../manifest/features/core';
import { routeGroup } from '../kit/http-route';

type TicketParams = { ticketId: string };

export const handler = routeGroup('tickets', CORE_ROUTES, {
  createTicket: async ({ caller, body }, { deps, ports }) => {
    const ticket = await openTicket(deps, caller, body, body.attachmentIds?.length ? { attachments: ports.attachments } : {});
    return {
      status: 201,
      body: (await ticketViewsFor(deps, caller, [ticket]))[0],
      headers: { location: `/v1/tickets/${ticket.ticketId}`, etag: etagOf(ticket) },
    };
  },

  listTickets: async ({ caller, query }, { deps }) => {
    const page = await listTickets(deps, caller, query);
    return { status: 200, body: { items: await ticketViewsFor(deps, caller, page.items), nextCursor: page.nextCursor } };
  },

  getTicket: async ({ caller, params }, { deps }) => {
    const thread = await getTicketThread(deps, caller, params.ticketId);
    const [view] = await shapeTicketViews(deps, caller, [thread.ticket], () => toTicketDetailView(thread, caller));
    return { status: 200, body: view, headers: { etag: etagOf(thread.ticket) } };
  },

  getTicketByNumber: async ({ caller, params }, { deps }) => {
    const thread = await getTicketThreadByNumber(deps, caller, params.number);
    const [view] = await shapeTicketViews(deps, caller, [thread.ticket], () => toTicketDetailView(thread, caller));
    return { status: 200, body: view, headers: { etag: etagOf(thread.ticket) } };
  },

  updateTicket: async ({ caller, params, body, ifMatchVersion }, { deps }) => {
    const ticket = await updateTicket(deps, caller, params.ticketId, body, ifMatchVersion);
    return { status: 200, body: (await ticketViewsFor(deps, caller, [ticket]))[0], headers: { etag: etagOf(ticket) } };
  },

  escalateTicket: async ({ caller, params, body, ifMatchVersion }, { deps }) => {
    const ticket = await escalateTicket(deps, caller, params.ticketId, body, ifMatchVersion);
    return { status: 200, body: (await ticketViewFor(deps, caller, [toTicketView(ticket, caller)]))[0], headers: { etag: etagOf(ticket) } };
  },
});

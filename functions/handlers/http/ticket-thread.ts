import { closeTicketAsRequester } from '../../domain/tickets/close-ticket';
import { listMessages } from '../../domain/tickets/list-messages';
import { etagOf, toMessageView, toTicketView } from '../../domain/tickets/ticket-view';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('ticket-thread', {
  listMessages: async ({ caller, params, query }, { deps }) => {
    const page = await listMessages(deps, caller, params.ticketId, query);
    return { status: 200, body: { items: page.items.map(toMessageView), nextCursor: page.nextCursor } };
  },

  closeTicket: async ({ caller, params, ifMatchVersion }, { deps }) => {
    const ticket = await closeTicketAsRequester(deps, caller, params.ticketId, ifMatchVersion);
    return { status: 200, body: toTicketView(ticket, caller), headers: { etag: etagOf(ticket) } };
  },
});

import { closeTicketAsRequester } from '../../domain/tickets/close-ticket';
import { listMessages } from '../../domain/tickets/list-messages';
import { messageViewsFor, ticketViewFor } from '../../domain/tickets/customer-view';
import { etagOf, toMessageView, toTicketView } from '../../domain/tickets/ticket-view';
import { ATTACHMENT_ROUTES } from '../../manifest/features/attachments';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('ticket-thread', ATTACHMENT_ROUTES, {
  listMessages: async ({ caller, params, query }, { deps }) => {
    const page = await listMessages(deps, caller, params.ticketId, query);
    return { status: 200, body: { items: messageViewsFor(caller, page.items.map(toMessageView)), nextCursor: page.nextCursor } };
  },

  closeTicket: async ({ caller, params, ifMatchVersion }, { deps }) => {
    const ticket = await closeTicketAsRequester(deps, caller, params.ticketId, ifMatchVersion);
    return { status: 200, body: (await ticketViewFor(deps, caller, [toTicketView(ticket, caller)]))[0], headers: { etag: etagOf(ticket) } };
  },
});

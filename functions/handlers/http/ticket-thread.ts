import type { ListMessagesQuery } from '../../../schemas/attachments';
import { closeTicketAsRequester } from '../../domain/tickets/close-ticket';
import { listMessages } from '../../domain/tickets/list-messages';
import { etagOf, toMessageView, toTicketView } from '../../domain/tickets/ticket-view';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

type TicketParams = { ticketId: string };

export const handler = routeGroup('ticket-thread', {
  listMessages: async ({ caller, params, query }: ParsedRequest<unknown, ListMessagesQuery, TicketParams>) => {
    const page = await listMessages(deps, caller, params.ticketId, query);
    return { status: 200, body: { items: page.items.map(toMessageView), nextCursor: page.nextCursor } };
  },

  closeTicket: async ({ caller, params, ifMatchVersion }: ParsedRequest<unknown, unknown, TicketParams>) => {
    const ticket = await closeTicketAsRequester(deps, caller, params.ticketId, ifMatchVersion);
    return { status: 200, body: toTicketView(ticket, caller), headers: { etag: etagOf(ticket) } };
  },
});

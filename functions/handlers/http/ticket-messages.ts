import type { AddMessageBody } from '../../../schemas/messages';
import { addMessage } from '../../domain/tickets/add-message';
import { etagOf, toMessageView } from '../../domain/tickets/ticket-view';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('ticket-messages', {
  addMessage: async ({ caller, params, body }, { deps }) => {
    const { ticket, message } = await addMessage(deps, caller, params.ticketId, body);
    return {
      status: 201,
      body: toMessageView(message),
      headers: { location: `/v1/tickets/${ticket.ticketId}#${message.messageId}`, etag: etagOf(ticket) },
    };
  },
});

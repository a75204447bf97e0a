import type { AddMessageBody } from '../../../schemas/messages';
import { attachmentStore } from '../../adapters/attachment-store';
import { addMessage } from '../../domain/tickets/add-message';
import { etagOf, toMessageView } from '../../domain/tickets/ticket-view';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

export const handler = routeGroup('ticket-messages', {
  addMessage: async ({ caller, params, body }: ParsedRequest<AddMessageBody, unknown, { ticketId: string }>) => {
    const { ticket, message } = await addMessage(deps, caller, params.ticketId, body, 'api', {},
      body.attachmentIds?.length ? { attachments: attachmentStore() } : {});
    return {
      status: 201,
      body: toMessageView(message),
      headers: { location: `/v1/tickets/${ticket.ticketId}#${message.messageId}`, etag: etagOf(ticket) },
    };
  },
});

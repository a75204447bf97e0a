import { renderCannedReply } from '../../domain/catalog/manage-canned-replies';
import { templateText } from '../../domain/meta/reply-window';
import { addMessage } from '../../domain/tickets/add-message';
import { etagOf, toMessageView } from '../../domain/tickets/ticket-view';
import { CORE_ROUTES } from '../../manifest/features/core';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('ticket-messages', CORE_ROUTES, {
  addMessage: async ({ caller, params, body }, { deps, ports }) => {
    const { cannedReplyId, ...request } = body;
    const text = cannedReplyId !== undefined ? await renderCannedReply(deps, caller, params.ticketId, cannedReplyId)
      : request.template ? templateText(request.template) : request.body!;
    const { ticket, message } = await addMessage(deps, caller, params.ticketId, { ...request, body: text }, 'api', {},
      body.attachmentIds?.length ? { attachments: ports.attachments } : {});
    return {
      status: 201,
      body: toMessageView(message),
      headers: { location: `/v1/tickets/${ticket.ticketId}#${message.messageId}`, etag: etagOf(ticket) },
    };
  },
});

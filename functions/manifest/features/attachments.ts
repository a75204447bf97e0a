import { AttachmentParams, CreateUploadBody, ListMessagesQuery, UploadSlotView } from '../../../schemas/attachments';
import { MessageList } from '../../../schemas/messages';
import { TicketIdParams, TicketView } from '../../../schemas/tickets';
import { ALL, COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, TICKET_WRITE_ERRORS, problem } from '../spec';

/** Files on tickets (upload slots, downloads) and the thread's own routes (pages of messages, the requester's close). */
export const ATTACHMENT_GROUPS = {
  attachments: { entry: 'functions/handlers/http/attachments.ts', memoryMb: 512, timeoutSeconds: 10, needs: ['attachments'] },
  'ticket-thread': { entry: 'functions/handlers/http/ticket-thread.ts', memoryMb: 512, timeoutSeconds: 10 },
} as const satisfies Record<string, HttpGroupSpec>;

const REFUSED = problem('The file is refused: over the organization\'s size limit, or a program or script (`errors[].pointer` names the field)');

export const ATTACHMENT_ROUTES = [
  {
    operationId: 'createUploadSlot', method: 'POST', path: '/v1/tickets/{ticketId}/attachments', group: 'attachments', roles: ALL,
    summary: 'Open an upload slot on a ticket: a signed form to POST the file to, then name its id in a message',
    request: { params: TicketIdParams, body: CreateUploadBody },
    responses: { 201: { description: 'The slot and its upload form', schema: UploadSlotView }, ...COMMON_ERRORS, 422: REFUSED },
  },
  {
    operationId: 'createDraftUploadSlot', method: 'POST', path: '/v1/attachments', group: 'attachments', roles: ALL,
    summary: 'Open an upload slot for a ticket not opened yet (name its id in POST /v1/tickets attachmentIds)',
    request: { body: CreateUploadBody },
    responses: { 201: { description: 'The slot and its upload form', schema: UploadSlotView }, ...COMMON_ERRORS, 422: REFUSED },
  },
  {
    operationId: 'downloadAttachment', method: 'GET', path: '/v1/tickets/{ticketId}/attachments/{attachmentId}', group: 'attachments', roles: ALL,
    summary: 'Download a file: a redirect to a short-lived signed URL (Content-Disposition: attachment, the stored type)',
    request: { params: AttachmentParams },
    responses: { 302: { description: 'Location: the signed URL, valid for 5 minutes' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listMessages', method: 'GET', path: '/v1/tickets/{ticketId}/messages', group: 'ticket-thread', roles: ALL,
    summary: 'The thread page by page (customers: public messages only)',
    request: { params: TicketIdParams, query: ListMessagesQuery },
    responses: { 200: { description: 'A page', schema: MessageList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'closeTicket', method: 'POST', path: '/v1/tickets/{ticketId}/close', group: 'ticket-thread', roles: ['customer'], ifMatch: 'optional',
    summary: 'The requester closes their ticket (confirms the resolution) when it is resolved or waiting on them',
    request: { params: TicketIdParams },
    responses: { 200: { description: 'The closed ticket; new ETag', schema: TicketView }, ...TICKET_WRITE_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];

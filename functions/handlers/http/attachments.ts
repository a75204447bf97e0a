import type { CreateUploadBody } from '../../../schemas/attachments';
import { attachmentStore } from '../../adapters/attachment-store';
import { createUploadSlot } from '../../domain/attachments/create-upload-slot';
import { attachmentDownloadUrl } from '../../domain/attachments/download-attachment';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

export const handler = routeGroup('attachments', {
  createUploadSlot: async ({ caller, params, body }: ParsedRequest<CreateUploadBody, unknown, { ticketId: string }>) => {
    const slot = await createUploadSlot(deps, attachmentStore(), caller, params.ticketId, body);
    return { status: 201, body: slot, headers: { location: `/v1/tickets/${params.ticketId}/attachments/${slot.attachmentId}` } };
  },

  createDraftUploadSlot: async ({ caller, body }: ParsedRequest<CreateUploadBody>) => ({
    status: 201,
    body: await createUploadSlot(deps, attachmentStore(), caller, undefined, body),
  }),

  downloadAttachment: async ({ caller, params }: ParsedRequest<unknown, unknown, { ticketId: string; attachmentId: string }>) => {
    const url = await attachmentDownloadUrl(deps, attachmentStore(), caller, params.ticketId, params.attachmentId);
    return { status: 302, headers: { location: url, 'cache-control': 'private, no-store' } };
  },
});

import { createUploadSlot } from '../../domain/attachments/create-upload-slot';
import { attachmentDownloadUrl } from '../../domain/attachments/download-attachment';
import { ATTACHMENT_ROUTES } from '../../manifest/features/attachments';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('attachments', ATTACHMENT_ROUTES, {
  createUploadSlot: async ({ caller, params, body }, { deps, ports }) => {
    const slot = await createUploadSlot(deps, ports.attachments, caller, params.ticketId, body);
    return { status: 201, body: slot, headers: { location: `/v1/tickets/${params.ticketId}/attachments/${slot.attachmentId}` } };
  },

  createDraftUploadSlot: async ({ caller, body }, { deps, ports }) => ({
    status: 201,
    body: await createUploadSlot(deps, ports.attachments, caller, undefined, body),
  }),

  downloadAttachment: async ({ caller, params }, { deps, ports }) => {
    const url = await attachmentDownloadUrl(deps, ports.attachments, caller, params.ticketId, params.attachmentId);
    return { status: 302, headers: { location: url, 'cache-control': 'private, no-store' } };
  },
});

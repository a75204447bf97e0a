/** The prefix the bucket's lifecycle rule expires: objects of slots never attached. */
export const UPLOADS_PREFIX = 'uploads/';
export const TICKETS_PREFIX = 'tickets/';

/** Where a slot's client posts the file. */
export const uploadKeyOf = (orgId: string, attachmentId: string) => `${UPLOADS_PREFIX}${orgId}/${attachmentId}`;
/** Where an attached file lives for good. */
export const storedKeyOf = (orgId: string, ticketId: string, attachmentId: string) => `${TICKETS_PREFIX}${orgId}/${ticketId}/${attachmentId}`;
/** The API path that serves an attachment (a 302 to a signed URL). */
export const downloadPathOf = (ticketId: string, attachmentId: string) => `/v1/tickets/${ticketId}/attachments/${attachmentId}`;

/** `ticketId` of a slot made for a ticket that does not exist yet (POST /v1/attachments). */
export const DRAFT = 'draft';

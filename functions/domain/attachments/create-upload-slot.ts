import type { CreateUploadBody, UploadSlotView } from '../../../schemas/attachments';
import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { loadTicket } from '../tickets/load-ticket';
import type { AttachmentStore } from '../ports/attachment-store';
import { isExecutableByName, BLOCKED_EXTENSIONS } from './content-policy';
import { AttachmentRefusedError } from './errors';
import { DRAFT, uploadKeyOf } from './object-keys';
import { organizationLimits } from './organization-limits';

/** How long the signed form accepts the file. */
export const UPLOAD_FORM_SECONDS = 15 * 60;
/** How long a slot waits to be attached; the bucket's lifecycle drops its object after the same day. */
export const SLOT_TTL_SECONDS = 24 * 3600;

/**
 * Opens an upload slot on a ticket (or, with no ticket, a draft for the ticket the caller is
 * about to open): checks name, declared type and size against the organization's limits,
 * records a pending attachment with a TTL and returns the signed form to post the file with.
 * @throws NotFoundError (ticket missing or hidden), AttachmentRefusedError (too large, executable)
 */
export async function createUploadSlot(
  deps: Deps,
  store: AttachmentStore,
  caller: Caller,
  ticketId: string | undefined,
  input: CreateUploadBody,
): Promise<UploadSlotView> {
  if (ticketId) await loadTicket(deps, caller, ticketId);
  const limits = await organizationLimits(deps, caller.orgId);
  if (input.size > limits.attachmentMaxBytes) {
    throw new AttachmentRefusedError(`files may be at most ${limits.attachmentMaxBytes} bytes here`, '#/size', 'too-large');
  }
  if (isExecutableByName(input.filename, input.contentType)) {
    const byName = BLOCKED_EXTENSIONS.test(input.filename);
    throw new AttachmentRefusedError('programs and scripts cannot be attached', byName ? '#/filename' : '#/contentType', 'executable');
  }
  const attachmentId = deps.newId();
  const objectKey = uploadKeyOf(caller.orgId, attachmentId);
  const form = await store.uploadForm({ key: objectKey, contentType: input.contentType, size: input.size, expiresInSeconds: UPLOAD_FORM_SECONDS });
  const now = deps.now();
  await deps.store.entities.attachment
    .create({
      orgId: caller.orgId, attachmentId, ticketId: ticketId ?? DRAFT, state: 'pending', uploaderId: caller.userId,
      filename: input.filename, contentType: input.contentType, size: input.size, objectKey,
      createdAt: now.toISOString(), ttl: Math.floor(now.getTime() / 1000) + SLOT_TTL_SECONDS,
    })
    .go();
  return { attachmentId, upload: { url: form.url, method: 'POST', fields: form.fields, expiresAt: form.expiresAt.toISOString() } };
}

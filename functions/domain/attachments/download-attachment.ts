import { type Caller, isStaff } from '../caller';
import { NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import { loadTicket } from '../tickets/load-ticket';
import type { AttachmentStore } from '../ports/attachment-store';

/** How long a download link works: long enough to start, too short to pass around. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/**
 * A short-lived signed URL for an attached file, with the visibility of its message: the
 * ticket must be the caller's to see, and a customer never gets an internal note's file.
 * Anything else (another ticket's or organization's id, a slot not attached) is 404. A ticket that
 * holds a copy of the file's message (a merge or split copied it there: `sharedWith`) serves it too.
 * @throws NotFoundError
 */
export async function attachmentDownloadUrl(
  deps: Deps,
  store: AttachmentStore,
  caller: Caller,
  ticketId: string,
  attachmentId: string,
): Promise<string> {
  const [{ data }] = await Promise.all([
    deps.store.entities.attachment.get({ orgId: caller.orgId, attachmentId }).go(),
    loadTicket(deps, caller, ticketId),
  ]);
  if (!data || data.state !== 'attached' || (data.internal && !isStaff(caller))) throw new NotFoundError('attachment', attachmentId);
  if (data.ticketId !== ticketId && !data.sharedWith?.includes(ticketId)) throw new NotFoundError('attachment', attachmentId);
  return store.downloadUrl({ key: data.objectKey, filename: data.filename, contentType: data.contentType, expiresInSeconds: DOWNLOAD_URL_SECONDS });
}


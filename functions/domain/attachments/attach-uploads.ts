import type { AttachmentView } from '../../../schemas/attachments';
import type { Caller } from '../caller';
import { NotFoundError } from '../errors';
import type { Deps, Store } from '../store/store';
import type { Attachment } from './attachment.entity';
import type { AttachmentStore } from '../ports/attachment-store';
import { AttachmentRefusedError } from './errors';
import { inspectContent, SNIFF_BYTES } from './inspect-content';
import { storedKeyOf, uploadKeyOf } from './object-keys';
import { organizationLimits } from './organization-limits';

/** An uploaded file checked and copied to its ticket, waiting for its message's transaction. */
export interface AttachmentClaim {
  /** The record as it will be once attached (ticket, final object key). */
  attachment: Attachment;
  /** The slot's ticket when it was opened (`draft` before the ticket existed): the claim's guard. */
  slotTicketId: string;
  uploadKey: string;
}

/**
 * Checks each named upload slot and its object before a message takes them: the slot is the
 * caller's, of this ticket (or a draft when opening one), pending and not expired, else 404;
 * the object exists with the declared size (within the organization's limit) and type, and its
 * content is what it claims and no program, else 422 pointing at the id. Each file is then
 * copied under its ticket, out of the prefix whose objects expire; the slot itself changes only
 * in the message's transaction (`claimAttachmentOp`), so a failed write attaches nothing.
 * @throws NotFoundError, AttachmentRefusedError
 */
export async function prepareAttachments(
  deps: Deps,
  store: AttachmentStore,
  caller: Caller,
  ids: readonly string[],
  scope: { slotTicketId: string; ticketId: string },
): Promise<AttachmentClaim[]> {
  if (ids.length === 0) return [];
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  const records = await Promise.all(ids.map(async (attachmentId) => {
    const { data } = await deps.store.entities.attachment.get({ orgId: caller.orgId, attachmentId }).go({ consistent: true });
    const usable = data && data.state === 'pending' && data.ticketId === scope.slotTicketId && data.uploaderId === caller.userId
      && (data.ttl === undefined || data.ttl > nowSeconds);
    if (!usable) throw new NotFoundError('attachment', attachmentId);
    return data;
  }));
  const limits = await organizationLimits(deps, caller.orgId);
  return Promise.all(records.map(async (record, index) => {
    const pointer = `#/attachmentIds/${index}`;
    const uploadKey = uploadKeyOf(caller.orgId, record.attachmentId);
    const refuse = (reason: string, message: string) => new AttachmentRefusedError(`${record.filename}: ${message}`, pointer, reason);
    const stored = await store.stat(uploadKey);
    if (!stored) throw refuse('not-uploaded', 'no file was uploaded to this slot (post the form first)');
    if (stored.size > limits.attachmentMaxBytes) throw refuse('too-large', `files may be at most ${limits.attachmentMaxBytes} bytes here`);
    if (stored.size !== record.size) throw refuse('size-mismatch', `the upload has ${stored.size} bytes, ${record.size} were declared`);
    if (stored.contentType !== record.contentType) throw refuse('type-mismatch', `the upload is typed ${stored.contentType}, ${record.contentType} was declared`);
    const verdict = await inspectContent(await store.readHead(uploadKey, SNIFF_BYTES), record.contentType);
    if (!verdict.ok && verdict.reason === 'executable') throw refuse('executable', 'programs and scripts cannot be attached');
    if (!verdict.ok) {
      throw refuse('type-mismatch', verdict.detected ? `the content is ${verdict.detected}, not ${record.contentType}` : `the content is not ${record.contentType}`);
    }
    const objectKey = storedKeyOf(caller.orgId, scope.ticketId, record.attachmentId);
    await store.copy(uploadKey, objectKey);
    return { attachment: { ...record, ticketId: scope.ticketId, objectKey, state: 'attached' as const, ttl: undefined }, slotTicketId: scope.slotTicketId, uploadKey };
  }));
}

type TransactionEntities = Parameters<Parameters<Store['transaction']['write']>[0]>[0];

/** The transaction item that turns a pending slot into its message's attachment, once. */
export function claimAttachmentOp(entities: TransactionEntities, claim: AttachmentClaim, message: { messageId: string; internal: boolean }) {
  const { attachment } = claim;
  return entities.attachment
    .patch({ orgId: attachment.orgId, attachmentId: attachment.attachmentId })
    .set({ state: 'attached', ticketId: attachment.ticketId, objectKey: attachment.objectKey, messageId: message.messageId, internal: message.internal })
    .remove(['ttl'])
    .where(({ state, ticketId, uploaderId }, { eq }) =>
      `${eq(state, 'pending')} AND ${eq(ticketId, claim.slotTicketId)} AND ${eq(uploaderId, attachment.uploaderId)}`)
    .commit();
}

/** The uploads' objects are no longer needed once attached; the lifecycle rule removes any left. */
export async function clearUploads(store: AttachmentStore, claims: readonly AttachmentClaim[]): Promise<void> {
  await Promise.allSettled(claims.map((claim) => store.remove(claim.uploadKey)));
}

export function attachmentViewOf(attachment: Pick<Attachment, 'attachmentId' | 'filename' | 'contentType' | 'size' | 'inline' | 'contentId'>): AttachmentView {
  return {
    id: attachment.attachmentId, filename: attachment.filename, contentType: attachment.contentType, size: attachment.size,
    ...(attachment.inline ? { inline: true } : {}), ...(attachment.contentId ? { contentId: attachment.contentId } : {}),
  };
}

import type { CreateUploadBody, UploadSlotView } from '../../../schemas/attachments';
import { MAX_ATTACHMENTS } from '../../../schemas/intake';
import { createUploadSlot } from '../attachments/create-upload-slot';
import type { Caller } from '../caller';
import type { AttachmentStore } from '../ports/attachment-store';
import type { Deps } from '../store/store';
import { takeSubmission } from './rate-limits';
import { webFormBySlug } from './web-forms';

/**
 * Who holds a public form's upload slots until a submission claims them. Slots are named by
 * their ULID (80 random bits): knowing the id is the capability, as with an upload token.
 */
export const WEB_UPLOADER = 'web-form';

export const webUploaderOf = (orgId: string): Caller => ({ orgId, userId: WEB_UPLOADER, email: '', name: 'Web form', role: 'customer' });

/**
 * Opens a draft upload slot for a ticket about to be submitted through an organization's
 * public form. Counts against the form's per-IP hourly limit (one submission's worth of files
 * per allowed submission), then the organization's size and type rules as any upload.
 * @throws NotFoundError (unknown or disabled form), RateLimitedError, AttachmentRefusedError
 */
export async function createPublicUploadSlot(
  deps: Deps,
  store: AttachmentStore,
  upload: { slug: string; body: CreateUploadBody; sourceIp: string },
): Promise<UploadSlotView> {
  const form = await webFormBySlug(deps, upload.slug);
  await takeSubmission(deps, form.orgId, 'upload', upload.sourceIp, form.perIpPerHour * MAX_ATTACHMENTS);
  return createUploadSlot(deps, store, webUploaderOf(form.orgId), undefined, upload.body);
}

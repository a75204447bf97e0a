import type { AttachmentView } from '../../../schemas/attachments';
import { attachmentViewOf } from '../attachments/attach-uploads';
import type { AttachmentStore } from '../ports/attachment-store';
import { isExecutableByName, looksExecutable } from '../attachments/content-policy';
import { inspectContent, SNIFF_BYTES } from '../attachments/inspect-content';
import { downloadPathOf, storedKeyOf } from '../attachments/object-keys';
import { organizationLimits } from '../attachments/organization-limits';
import type { MailAttachment } from '../email';
import type { Deps } from '../store/store';

/** A mail file the helpdesk did not keep, and why. */
export interface RejectedAttachment {
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  contentId?: string;
  rejected: string;
}

/** Sanitized HTML kept on a message up to this size; a larger body keeps its text only. */
export const MAX_HTML_CHARS = 256 * 1024;

/**
 * Stores a mail's attachments and inline images under its ticket as attachment records, the
 * same as API uploads (`tickets/<org>/<ticket>/<id>`), so they are listed on the message and
 * downloaded through the same route. Programs and scripts (by name, declared type or content)
 * and files over the organization's limit are listed with the reason, not stored.
 */
export async function storeMailAttachments(
  deps: Deps,
  store: AttachmentStore,
  where: { orgId: string; ticketId: string },
  files: readonly MailAttachment[],
): Promise<{ attachments: AttachmentView[]; rejected: RejectedAttachment[] }> {
  const attachments: AttachmentView[] = [];
  const rejected: RejectedAttachment[] = [];
  if (files.length === 0) return { attachments, rejected };
  const { attachmentMaxBytes } = await organizationLimits(deps, where.orgId);
  for (const file of files) {
    const reason = await rejectionOf(file, attachmentMaxBytes);
    if (reason) {
      rejected.push({
        filename: file.filename, contentType: file.contentType, size: file.size, inline: file.inline,
        ...(file.contentId ? { contentId: file.contentId } : {}), rejected: reason,
      });
      continue;
    }
    const attachmentId = deps.newId();
    const objectKey = storedKeyOf(where.orgId, where.ticketId, attachmentId);
    const contentType = file.contentType.toLowerCase().split(';')[0].trim() || 'application/octet-stream';
    await store.put(objectKey, file.content, contentType);
    const record = {
      orgId: where.orgId, attachmentId, ticketId: where.ticketId, state: 'attached' as const, uploaderId: 'email',
      filename: file.filename, contentType, size: file.content.length, objectKey, internal: false,
      inline: file.inline, ...(file.contentId ? { contentId: file.contentId } : {}), createdAt: deps.now().toISOString(),
    };
    // Written before its message: a record whose message never commits is reachable by no view.
    await deps.store.entities.attachment.put(record).go();
    attachments.push(attachmentViewOf(record));
  }
  return { attachments, rejected };
}

async function rejectionOf(file: MailAttachment, maxBytes: number): Promise<string | undefined> {
  if (file.size > maxBytes || file.content.length > maxBytes) return `larger than ${maxBytes} bytes`;
  if (isExecutableByName(file.filename, file.contentType) || looksExecutable(file.content)) return 'executable content';
  const verdict = await inspectContent(file.content.subarray(0, SNIFF_BYTES), file.contentType);
  // Mail clients often declare application/octet-stream: only programs are refused by content here.
  if (!verdict.ok && verdict.reason === 'executable') return 'executable content';
  return undefined;
}

/**
 * The mail's sanitized HTML with each `cid:` image pointing at its attachment's download
 * route; images without a stored attachment keep their `cid:` (nothing to show). Undefined for
 * no HTML or HTML too large to keep.
 */
export function htmlWithInlineImages(html: string | undefined, ticketId: string, attachments: readonly AttachmentView[]): string | undefined {
  if (!html || html.length > MAX_HTML_CHARS) return undefined;
  const byCid = new Map(attachments.filter((a) => a.contentId).map((a) => [a.contentId!.toLowerCase(), a.id]));
  return html.replace(/(<img\b[^>]*?\bsrc\s*=\s*)(["']?)cid:([^"'\s>]+)\2/gi, (whole, prefix: string, quote: string, cid: string) => {
    const id = byCid.get(decodeURIComponent(cid).replace(/^<|>$/g, '').toLowerCase());
    return id ? `${prefix}${quote || '"'}${downloadPathOf(ticketId, id)}${quote || '"'}` : whole;
  });
}

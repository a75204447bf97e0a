import type { ObjectStore } from '../ports/object-store';
import type { MailAttachment } from '../email';

/** Per attachment; SES accepts mails of at most 40 MB, so this only stops the very large. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const BLOCKED_EXTENSIONS = /\.(exe|com|bat|cmd|scr|pif|msi|msp|vbs|vbe|jse?|wsf|wsh|ps1|hta|cpl|jar|lnk|reg|dll)$/i;
const BLOCKED_TYPES = /^application\/(x-msdownload|x-msdos-program|x-dosexec|x-ms-installer|x-sh|hta|java-archive)$/i;

export interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  contentId?: string;
  objectKey?: string;
  /** Why it was not stored (too large, executable content). */
  rejected?: string;
}

export type ObjectWriter = Pick<ObjectStore, 'put'>;

/**
 * Stores a mail's attachments and inline images under its ticket
 * (`tickets/<org>/<ticket>/<folder>/<n>-<name>`); executables and oversized files are listed
 * with the reason, not stored.
 */
export async function storeAttachments(
  objects: ObjectWriter,
  where: { orgId: string; ticketId: string; folder: string },
  attachments: readonly MailAttachment[],
): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const meta: StoredAttachment = {
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      inline: attachment.inline,
      ...(attachment.contentId ? { contentId: attachment.contentId } : {}),
    };
    const rejected = rejectionOf(attachment);
    if (rejected) {
      stored.push({ ...meta, rejected });
      continue;
    }
    const safeName = attachment.filename.replace(/[^\w.-]+/g, '_').slice(-120) || 'attachment';
    const objectKey = `tickets/${where.orgId}/${where.ticketId}/${where.folder}/${index + 1}-${safeName}`;
    await objects.put(objectKey, attachment.content, attachment.contentType);
    stored.push({ ...meta, objectKey });
  }
  return stored;
}

function rejectionOf(attachment: MailAttachment): string | undefined {
  if (attachment.size > MAX_ATTACHMENT_BYTES) return `larger than ${MAX_ATTACHMENT_BYTES} bytes`;
  if (BLOCKED_EXTENSIONS.test(attachment.filename) || BLOCKED_TYPES.test(attachment.contentType)) return 'executable content';
  if (looksExecutable(attachment.content)) return 'executable content';
  return undefined;
}

/** Content sniffing: a Windows PE or ELF binary whatever its declared type or name. */
function looksExecutable(content: Buffer): boolean {
  return (content[0] === 0x4d && content[1] === 0x5a) || content.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
}

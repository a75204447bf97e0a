import type { AttachmentView } from '../../../schemas/attachments';
import { attachmentViewOf } from '../attachments/attach-uploads';
import { isExecutableByName, looksExecutable } from '../attachments/content-policy';
import { storedKeyOf } from '../attachments/object-keys';
import { organizationLimits } from '../attachments/organization-limits';
import type { AttachmentStore } from '../ports/attachment-store';
import type { GraphApi } from '../ports/graph-api';
import { stableUlid } from '../stable-id';
import type { Deps } from '../store/store';
import type { MetaMedia } from './meta-event';

/** A file Meta named that the helpdesk did not keep, and why (never lost silently). */
export interface RejectedMedia {
  filename: string;
  contentType: string;
  mediaKind: string;
  sourceUrl?: string;
  rejected: string;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'video/mp4': 'mp4', 'video/3gpp': '3gp',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr', 'application/pdf': 'pdf',
};

/**
 * Downloads a message's media through the Graph API port and keeps each file as an attachment
 * record of the ticket, the same as API uploads and mail files (`tickets/<org>/<ticket>/<id>`,
 * listed on the message, downloaded through the same route). Ids derive from the message, so a
 * retry writes the same records. Programs and files over the organization's limit, and downloads
 * that fail, are listed with the reason.
 */
export async function fetchMedia(
  deps: Deps,
  ports: { graph: GraphApi; attachments: Pick<AttachmentStore, 'put'> },
  where: { orgId: string; ticketId: string; messageId: string; accessToken: string; at: Date },
  media: readonly MetaMedia[],
): Promise<{ attachments: AttachmentView[]; rejected: RejectedMedia[] }> {
  const attachments: AttachmentView[] = [];
  const rejected: RejectedMedia[] = [];
  if (media.length === 0) return { attachments, rejected };
  const { attachmentMaxBytes } = await organizationLimits(deps, where.orgId);
  for (const [index, item] of media.entries()) {
    const base = { mediaKind: item.kind, ...(item.url ? { sourceUrl: item.url } : {}) };
    let bytes: Buffer;
    let contentType = (item.mimeType ?? 'application/octet-stream').toLowerCase().split(';')[0].trim() || 'application/octet-stream';
    try {
      const downloaded = await ports.graph.downloadMedia(where.accessToken, { id: item.mediaId, url: item.url });
      bytes = downloaded.bytes;
      if (!item.mimeType) contentType = downloaded.contentType.toLowerCase().split(';')[0].trim() || contentType;
    } catch (error) {
      rejected.push({ ...base, filename: filenameOf(item, contentType, index), contentType, rejected: `download failed: ${(error as Error).message}`.slice(0, 300) });
      continue;
    }
    const filename = filenameOf(item, contentType, index);
    if (bytes.length > attachmentMaxBytes) {
      rejected.push({ ...base, filename, contentType, rejected: `larger than ${attachmentMaxBytes} bytes` });
      continue;
    }
    if (isExecutableByName(filename, contentType) || looksExecutable(bytes)) {
      rejected.push({ ...base, filename, contentType, rejected: 'executable content' });
      continue;
    }
    const attachmentId = stableUlid(`meta-media\u0000${where.messageId}\u0000${index}`, where.at);
    const objectKey = storedKeyOf(where.orgId, where.ticketId, attachmentId);
    await ports.attachments.put(objectKey, bytes, contentType);
    const record = {
      orgId: where.orgId, attachmentId, ticketId: where.ticketId, state: 'attached' as const, uploaderId: 'meta',
      filename, contentType, size: bytes.length, objectKey, messageId: where.messageId, internal: false, createdAt: deps.now().toISOString(),
    };
    // Written before its message: a record whose message never commits is reachable by no view.
    await deps.store.entities.attachment.put(record).go();
    attachments.push(attachmentViewOf(record));
  }
  return { attachments, rejected };
}

function filenameOf(item: MetaMedia, contentType: string, index: number): string {
  const given = item.filename?.replace(/[^\w.-]+/g, '_').slice(-120);
  if (given && /\.\w{1,8}$/.test(given)) return given;
  const extension = EXTENSIONS[contentType] ?? contentType.split('/')[1]?.replace(/[^\w]+/g, '').slice(0, 8) ?? 'bin';
  return `${given || `${item.kind}-${index + 1}`}.${extension || 'bin'}`;
}

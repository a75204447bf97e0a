import type { GraphApi } from '../ports/graph-api';
import type { ObjectStore } from '../ports/object-store';
import type { MetaMedia } from './meta-event';

/** WhatsApp's own ceiling for documents; anything larger is listed, not stored. */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

/**
 * An attachment record, in the shape message views list (`{ id, filename, contentType, size }`),
 * plus where the bytes are, or why they are not there (never lost silently).
 */
export interface MetaAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  objectKey?: string;
  /** The media's kind on Meta's side: image, voice, sticker, story_mention... */
  mediaKind: string;
  sourceUrl?: string;
  rejected?: string;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'video/mp4': 'mp4', 'video/3gpp': '3gp',
  'audio/ogg': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr', 'application/pdf': 'pdf',
};

/**
 * Downloads a message's media through the Graph API port and stores it under the ticket
 * (`tickets/<org>/<ticket>/<message>/<n>-<name>`), keyed by the message so a retry overwrites the
 * same objects. A download that fails is recorded on the attachment with the reason.
 */
export async function fetchMedia(
  ports: { graph: GraphApi; objects: Pick<ObjectStore, 'put'> },
  where: { orgId: string; ticketId: string; messageId: string; accessToken: string },
  media: readonly MetaMedia[],
): Promise<MetaAttachment[]> {
  const stored: MetaAttachment[] = [];
  for (const [index, item] of media.entries()) {
    const id = `${where.messageId}-${index + 1}`;
    const base = { id, mediaKind: item.kind, ...(item.url ? { sourceUrl: item.url } : {}) };
    try {
      const { bytes, contentType: served } = await ports.graph.downloadMedia(where.accessToken, { id: item.mediaId, url: item.url });
      const contentType = (item.mimeType ?? served ?? 'application/octet-stream').split(';')[0].trim() || 'application/octet-stream';
      const filename = filenameOf(item, contentType, index);
      if (bytes.length > MAX_MEDIA_BYTES) {
        stored.push({ ...base, filename, contentType, size: bytes.length, rejected: `larger than ${MAX_MEDIA_BYTES} bytes` });
        continue;
      }
      const objectKey = `tickets/${where.orgId}/${where.ticketId}/${where.messageId}/${index + 1}-${filename}`;
      await ports.objects.put(objectKey, bytes, contentType);
      stored.push({ ...base, filename, contentType, size: bytes.length, objectKey });
    } catch (error) {
      const contentType = item.mimeType ?? 'application/octet-stream';
      stored.push({ ...base, filename: filenameOf(item, contentType, index), contentType, size: 0, rejected: `download failed: ${(error as Error).message}`.slice(0, 300) });
    }
  }
  return stored;
}

function filenameOf(item: MetaMedia, contentType: string, index: number): string {
  const given = item.filename?.replace(/[^\w.-]+/g, '_').slice(-120);
  if (given && /\.\w{1,8}$/.test(given)) return given;
  const extension = EXTENSIONS[contentType] ?? contentType.split('/')[1]?.replace(/[^\w]+/g, '').slice(0, 8) ?? 'bin';
  return `${given || `${item.kind}-${index + 1}`}.${extension || 'bin'}`;
}

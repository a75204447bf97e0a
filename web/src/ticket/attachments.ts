import { ApiError, type Api } from '../core/api';
import type { Capabilities } from '../core/capabilities';
import type { AttachmentView } from '../core/types';

/** Issue 12's contract: an upload slot, a presigned POST form, then `attachmentIds` on the message. */
export const UPLOAD_ROUTE = 'POST /v1/tickets/{ticketId}/attachments';
export const DOWNLOAD_ROUTE = 'GET /v1/tickets/{ticketId}/attachments/{attachmentId}';

export const canAttach = (caps: Capabilities) => caps.has(UPLOAD_ROUTE);
export const canDownload = (caps: Capabilities) => caps.has(DOWNLOAD_ROUTE);

interface UploadSlot {
  attachmentId: string;
  upload: { url: string; method: 'POST'; fields: Record<string, string>; expiresAt: string };
}

/** Reserves a slot and posts the file as the form the API returned: its fields first, the file last. */
export async function uploadAttachment(api: Api, ticketId: string, file: File): Promise<string> {
  const { body: slot } = await api.post<UploadSlot>(`/v1/tickets/${ticketId}/attachments`, {
    filename: file.name,
    contentType: file.type || 'application/octet-stream',
    size: file.size,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.upload.fields)) form.append(name, value);
  form.append('file', file);
  const res = await fetch(slot.upload.url, { method: 'POST', body: form });
  if (!res.ok) throw new ApiError(res.status, { type: 'about:blank', title: 'Upload failed', status: res.status, detail: `${file.name} could not be uploaded (${res.status})` });
  return slot.attachmentId;
}

/** Follows the download route's redirect to the short-lived URL and saves the bytes under their name. */
export async function downloadAttachment(api: Api, ticketId: string, attachment: AttachmentView): Promise<void> {
  const res = await api.raw(`/v1/tickets/${ticketId}/attachments/${attachment.id}`);
  if (!res.ok) throw new ApiError(res.status, { type: 'about:blank', title: 'Download failed', status: res.status, detail: `${attachment.filename} could not be downloaded (${res.status})` });
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: attachment.filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

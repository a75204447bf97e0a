import type { AttachmentStore, StoredObject, UploadForm } from '../../functions/domain/ports/attachment-store';

/** The attachment port in memory, for domain tests: `upload` plays the client posting the form. */
export class MemoryAttachmentStore implements AttachmentStore {
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  readonly forms: { key: string; contentType: string; size: number }[] = [];

  async uploadForm(input: { key: string; contentType: string; size: number; expiresInSeconds: number }): Promise<UploadForm> {
    this.forms.push({ key: input.key, contentType: input.contentType, size: input.size });
    return { url: 'memory://upload', fields: { key: input.key, 'Content-Type': input.contentType }, expiresAt: new Date(Date.now() + input.expiresInSeconds * 1000) };
  }

  upload(key: string, body: Buffer, contentType: string): void {
    this.objects.set(key, { body, contentType });
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    const item = this.objects.get(key);
    return item && { size: item.body.length, contentType: item.contentType };
  }

  async readHead(key: string, bytes: number): Promise<Buffer> {
    return (this.objects.get(key)?.body ?? Buffer.alloc(0)).subarray(0, bytes);
  }

  async copy(from: string, to: string): Promise<void> {
    const item = this.objects.get(from);
    if (!item) throw new Error(`no object ${from}`);
    this.objects.set(to, item);
  }

  async remove(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    this.objects.set(key, { body, contentType });
  }

  async putStream(key: string, chunks: AsyncIterable<Buffer>, contentType: string): Promise<{ bytes: number; parts: number }> {
    const parts: Buffer[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    const body = Buffer.concat(parts);
    this.objects.set(key, { body, contentType });
    return { bytes: body.length, parts: 1 };
  }

  async downloadUrl(input: { key: string; filename: string; contentType: string; expiresInSeconds: number }): Promise<string> {
    return `memory://download/${input.key}?filename=${encodeURIComponent(input.filename)}`;
  }
}

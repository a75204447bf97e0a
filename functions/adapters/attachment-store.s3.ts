import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AttachmentStore, StoredObject, UploadForm } from '../domain/ports/attachment-store';

/**
 * Attachments in S3. Uploads are presigned POSTs whose policy pins the key, the type and the
 * exact size; downloads are presigned GETs that set the download name and the stored type.
 * Both are signed with the function's role, so its grant (PutObject, GetObject) bounds them.
 */
export class S3AttachmentStore implements AttachmentStore {
  /** @param partBytes the multipart part size (S3's minimum, 5 MiB, for every part but the last). */
  constructor(private readonly client: S3Client, readonly bucket: string, private readonly partBytes = 5 * 1024 * 1024) {}

  async uploadForm(input: { key: string; contentType: string; size: number; expiresInSeconds: number }): Promise<UploadForm> {
    const expiresAt = new Date(Date.now() + input.expiresInSeconds * 1000);
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: input.key,
      Conditions: [['content-length-range', input.size, input.size], ['eq', '$Content-Type', input.contentType]],
      Fields: { 'Content-Type': input.contentType },
      Expires: input.expiresInSeconds,
    });
    return { url, fields, expiresAt };
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async readHead(key: string, bytes: number): Promise<Buffer> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (error) {
      if ((error as { name?: string }).name === 'InvalidRange') return Buffer.alloc(0); // an empty object
      throw error;
    }
  }

  async copy(from: string, to: string): Promise<void> {
    await this.client.send(new CopyObjectCommand({
      Bucket: this.bucket, Key: to, CopySource: `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`, MetadataDirective: 'COPY',
    }));
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  /**
   * Gathers chunks into parts of `partBytes`; the multipart upload starts when the first part
   * fills (a smaller whole is one PutObject), each part goes up as it fills, so at most one part
   * and one chunk are held. Any failure aborts the upload (no orphan parts are billed).
   */
  async putStream(key: string, chunks: AsyncIterable<Buffer>, contentType: string): Promise<{ bytes: number; parts: number }> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let bytes = 0;
    let uploadId: string | undefined;
    const done: { ETag: string; PartNumber: number }[] = [];
    const flush = async () => {
      const body = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      uploadId ??= (await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }))).UploadId;
      const PartNumber = done.length + 1;
      const { ETag } = await this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber, Body: body }));
      done.push({ ETag: ETag ?? '', PartNumber });
    };
    try {
      for await (const chunk of chunks) {
        if (chunk.length === 0) continue;
        pending.push(chunk);
        pendingBytes += chunk.length;
        bytes += chunk.length;
        if (pendingBytes >= this.partBytes) await flush();
      }
      if (!uploadId) {
        await this.put(key, Buffer.concat(pending, pendingBytes), contentType);
        return { bytes, parts: 1 };
      }
      if (pendingBytes > 0) await flush();
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: done } }));
      return { bytes, parts: done.length };
    } catch (error) {
      if (uploadId) await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      throw error;
    }
  }

  async downloadUrl(input: { key: string; filename: string; contentType: string; expiresInSeconds: number }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket, Key: input.key, ResponseContentDisposition: attachmentDisposition(input.filename), ResponseContentType: input.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: input.expiresInSeconds });
  }
}

/** `attachment` with an ASCII fallback name and the exact one per RFC 6266 / 8187. */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

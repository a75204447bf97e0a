import { S3Client } from '@aws-sdk/client-s3';
import { S3AttachmentStore } from '../../../functions/adapters/attachment-store.s3';
import type { AttachmentStore } from '../../../functions/domain/ports/attachment-store';

/**
 * The attachment port locally: the AWS adapter itself, pointed at the runtime's S3 stand-in once
 * it listens (path style, the stand-in's credentials), so forms and URLs come from the real
 * presigners and the stand-in checks their policies and signatures.
 */
export class LocalAttachmentStore implements AttachmentStore {
  private store: S3AttachmentStore | undefined;

  bind(endpoint: string, bucket: string, credentials: { accessKeyId: string; secretAccessKey: string }): void {
    const client = new S3Client({
      endpoint, region: 'local', forcePathStyle: true, credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.store = new S3AttachmentStore(client, bucket);
  }

  private bound(): S3AttachmentStore {
    if (!this.store) throw new Error('the local S3 stand-in has not started (bin/local/services/attachments.ts)');
    return this.store;
  }

  uploadForm(input: Parameters<AttachmentStore['uploadForm']>[0]) { return this.bound().uploadForm(input); }
  stat(key: string) { return this.bound().stat(key); }
  readHead(key: string, bytes: number) { return this.bound().readHead(key, bytes); }
  copy(from: string, to: string) { return this.bound().copy(from, to); }
  remove(key: string) { return this.bound().remove(key); }
  put(key: string, body: Buffer, contentType: string) { return this.bound().put(key, body, contentType); }
  putStream(key: string, chunks: AsyncIterable<Buffer>, contentType: string) { return this.bound().putStream(key, chunks, contentType); }
  downloadUrl(input: Parameters<AttachmentStore['downloadUrl']>[0]) { return this.bound().downloadUrl(input); }
}

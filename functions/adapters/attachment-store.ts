import { S3Client } from '@aws-sdk/client-s3';
import { config } from '../config';
import type { AttachmentStore } from '../domain/attachments/attachment-store';
import { S3AttachmentStore } from './attachment-store.aws';

let chosen: AttachmentStore | undefined;

/**
 * The attachment store of this container, built once: the same S3 adapter in AWS and locally,
 * where its client points at the runtime's S3 stand-in (path style, the stand-in's credentials),
 * so presigned forms and URLs are made by the real presigners and checked by the stand-in.
 */
export function attachmentStore(): AttachmentStore {
  if (chosen) return chosen;
  const { ATTACHMENTS_BUCKET: bucket, ATTACHMENTS_S3_ENDPOINT: endpoint, AWS_REGION: region } = config();
  if (!bucket) throw new Error('ATTACHMENTS_BUCKET is not set (the attachments capability grants it)');
  const client = endpoint
    ? new S3Client({
        endpoint, region, forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
      })
    : new S3Client({});
  chosen = new S3AttachmentStore(client, bucket);
  return chosen;
}

/** The local runtime points the store at its stand-in after start-up. */
export function resetAttachmentStore(): void {
  chosen = undefined;
}

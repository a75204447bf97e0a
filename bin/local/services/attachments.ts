import path from 'node:path';
import { UPLOADS_PREFIX } from '../../../functions/domain/attachments/object-keys';
import { LOCAL_ATTACHMENTS_BUCKET } from '../local-root';
import { startS3StandIn } from '../s3/s3-server';
import type { LocalService } from './service';

/** What the stand-in accepts; the attachment store's local client signs with it. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
/** The lifecycle rule's expiry of never-attached uploads, as in AWS. */
const UNATTACHED_UPLOAD_MS = 24 * 3600_000;

/**
 * The attachments feature's stand-in: S3 on its own port (`S3_PORT`, default 3002; a free one
 * when HTTP_PORT=0), objects under `.local/s3/`. The handlers' attachment port is the AWS
 * adapter bound to it, so presigned forms and URLs come from the real presigners and the
 * stand-in checks their policies and signatures. It also plays the bucket's lifecycle rule.
 */
export const attachmentsService: LocalService = {
  name: 'attachments',
  start: async (context) => {
    const port = Number(process.env.S3_PORT ?? (process.env.HTTP_PORT === '0' ? 0 : 3002));
    const s3 = await startS3StandIn({
      port, dir: path.join(context.dataDir, 's3'), buckets: [LOCAL_ATTACHMENTS_BUCKET], credentials: [LOCAL_CREDENTIALS],
    });
    context.world.attachments.bind(s3.url, LOCAL_ATTACHMENTS_BUCKET, LOCAL_CREDENTIALS);
    const expire = () => {
      const bucket = s3.bucket(LOCAL_ATTACHMENTS_BUCKET);
      for (const key of bucket.olderThan(UPLOADS_PREFIX, new Date(Date.now() - UNATTACHED_UPLOAD_MS))) bucket.remove(key);
    };
    expire();
    const sweeper = setInterval(expire, 3600_000);
    sweeper.unref();
    return {
      contract: { objectStoreUrl: s3.url, attachmentsBucket: LOCAL_ATTACHMENTS_BUCKET },
      banner: [`S3          ${s3.url}/${LOCAL_ATTACHMENTS_BUCKET}  (attachments: presigned POST uploads and GETs, .local/s3/)`],
      stop: async () => {
        clearInterval(sweeper);
        await s3.stop();
      },
    };
  },
};

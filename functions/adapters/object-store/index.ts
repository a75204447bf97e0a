import { S3Client } from '@aws-sdk/client-s3';
import { config } from '../../config';
import { localStateDir } from '../local-state';
import { S3ObjectStore } from './object-store.aws';
import { LocalObjectStore } from './object-store.local';
import type { ObjectStore } from './object-store.port';

export type { ObjectStore } from './object-store.port';
export { ObjectNotFoundError } from './object-store.port';

let chosen: ObjectStore | undefined;

/** The object store of this runtime, chosen once: S3 (bucket from MAIL_BUCKET) or `.local/objects/`. */
export function objectStore(): ObjectStore {
  if (chosen) return chosen;
  if (config().HELPDESK_RUNTIME === 'local') {
    chosen = new LocalObjectStore(localStateDir('objects'));
  } else {
    const bucket = process.env.MAIL_BUCKET;
    if (!bucket) throw new Error('MAIL_BUCKET is not set (the mail-bucket capability grants it)');
    chosen = new S3ObjectStore(new S3Client({}), bucket);
  }
  return chosen;
}

import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ObjectNotFoundError, type ObjectStore } from '../domain/ports/object-store';

/** S3. The bucket is encrypted at rest by its default (SSE-S3/KMS, set by the CDK construct). */
export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client, readonly bucket: string) {}

  async put(key: string, body: Buffer, contentType = 'application/octet-stream'): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  async remove(key: string, bucket = this.bucket): Promise<void> {
    // S3 answers 204 for a key that is not there: deleting twice is fine.
    await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  async get(key: string, bucket = this.bucket): Promise<Buffer> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new ObjectNotFoundError(key);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw new ObjectNotFoundError(key);
      throw error;
    }
  }
}

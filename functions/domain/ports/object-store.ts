/** Raw mail, attachments and media: S3 in AWS, a folder locally. */
export interface ObjectStore {
  /** The bucket objects are written to (AWS: the mail bucket; locally: `local`). */
  readonly bucket: string;
  put(key: string, body: Buffer, contentType?: string): Promise<void>;
  /** @throws ObjectNotFoundError when there is no such object. */
  get(key: string, bucket?: string): Promise<Buffer>;
  /** Deletes an object (privacy erasure); none there is fine. */
  remove(key: string, bucket?: string): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no object ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

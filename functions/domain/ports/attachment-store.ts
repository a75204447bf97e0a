/** A form a client posts a file with (an S3 presigned POST). */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
  expiresAt: Date;
}

export interface StoredObject {
  size: number;
  contentType: string;
}

/**
 * Where attachment bytes live (S3 in AWS). Uploads and downloads never pass through a
 * function: the store signs a form to post the file to and a URL to read it from.
 */
export interface AttachmentStore {
  /** A form that accepts exactly one object at `key`, of `contentType` and exactly `size` bytes, until `expiresInSeconds`. */
  uploadForm(input: { key: string; contentType: string; size: number; expiresInSeconds: number }): Promise<UploadForm>;
  /** Size and type of the object, or undefined when there is none. */
  stat(key: string): Promise<StoredObject | undefined>;
  /** The first `bytes` bytes (fewer when the object is shorter): what content sniffing reads. */
  readHead(key: string, bytes: number): Promise<Buffer>;
  /** Copies `from` to `to` (same bytes and type); idempotent. */
  copy(from: string, to: string): Promise<void>;
  /** Removes an object; none there is fine. */
  remove(key: string): Promise<void>;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /**
   * Writes an object from a stream of chunks without holding it whole: the chunks are gathered
   * into parts of a few MiB, each uploaded as it fills (S3 multipart upload; one PutObject when
   * the whole fits in one part). A failure aborts the upload. @returns bytes and parts written.
   */
  putStream(key: string, chunks: AsyncIterable<Buffer>, contentType: string): Promise<{ bytes: number; parts: number }>;
  /** A short-lived URL that serves the bytes as a download named `filename`, typed `contentType`. */
  downloadUrl(input: { key: string; filename: string; contentType: string; expiresInSeconds: number }): Promise<string>;
}

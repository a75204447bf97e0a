import { createHash, randomUUID } from 'node:crypto';
import {
  appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import path from 'node:path';

export interface ObjectMeta {
  contentType: string;
  size: number;
  etag: string;
  lastModified: string;
}

/**
 * A bucket as a folder: `data/<key>` holds the bytes, `meta/<key>.json` the type and ETag.
 * Writes go through a temporary file and a rename, so a reader never sees half an object.
 */
export class ObjectFolder {
  constructor(private readonly root: string) {}

  put(key: string, body: Buffer, contentType: string, now: Date): ObjectMeta {
    const meta: ObjectMeta = {
      contentType, size: body.length, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: now.toUTCString(),
    };
    atomicWrite(this.fileOf('data', key), body);
    atomicWrite(this.fileOf('meta', key, '.json'), Buffer.from(JSON.stringify(meta)));
    return meta;
  }

  meta(key: string): ObjectMeta | undefined {
    const data = this.fileOf('data', key);
    const file = this.fileOf('meta', key, '.json');
    if (!existsSync(file) || !existsSync(data) || !statSync(data).isFile()) return undefined;
    return JSON.parse(readFileSync(file, 'utf8')) as ObjectMeta;
  }

  read(key: string): Buffer {
    return readFileSync(this.fileOf('data', key));
  }

  copy(from: string, to: string, now: Date): ObjectMeta | undefined {
    const meta = this.meta(from);
    if (!meta) return undefined;
    const target = this.fileOf('data', to);
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    copyFileSync(this.fileOf('data', from), temp);
    renameSync(temp, target);
    const copied = { ...meta, lastModified: now.toUTCString() };
    atomicWrite(this.fileOf('meta', to, '.json'), Buffer.from(JSON.stringify(copied)));
    return copied;
  }

  remove(key: string): void {
    rmSync(this.fileOf('data', key), { force: true });
    rmSync(this.fileOf('meta', key, '.json'), { force: true });
  }

  /** Starts a multipart upload: its parts wait in `uploads/<uploadId>/` until completed or aborted. */
  startUpload(key: string, contentType: string): string {
    this.fileOf('data', key); // the key must be valid now, not at completion
    const uploadId = randomUUID();
    atomicWrite(path.join(this.uploadDir(uploadId), 'upload.json'), Buffer.from(JSON.stringify({ key, contentType })));
    return uploadId;
  }

  /** Writes one part (a repeated part number replaces it). @returns its ETag. */
  putPart(uploadId: string, partNumber: number, body: Buffer): string {
    this.upload(uploadId);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) throw Object.assign(new Error('part number 1-10000'), { code: 'InvalidArgument' });
    atomicWrite(path.join(this.uploadDir(uploadId), `${String(partNumber).padStart(5, '0')}.part`), body);
    return `"${createHash('md5').update(body).digest('hex')}"`;
  }

  /**
   * Joins the listed parts, in order, into the object: appended to a temporary file one part at
   * a time (never the whole in memory), then renamed into place. The ETag is S3's multipart
   * form (MD5 of the parts' MD5s, dash, part count).
   */
  completeUpload(uploadId: string, key: string, partNumbers: number[], now: Date): ObjectMeta {
    const upload = this.upload(uploadId);
    if (upload.key !== key) throw Object.assign(new Error('the upload is for another key'), { code: 'NoSuchUpload' });
    const target = this.fileOf('data', key);
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.alloc(0));
    const digests: Buffer[] = [];
    let size = 0;
    for (const number of partNumbers) {
      const file = path.join(this.uploadDir(uploadId), `${String(number).padStart(5, '0')}.part`);
      if (!existsSync(file)) throw Object.assign(new Error(`no part ${number}`), { code: 'InvalidPart' });
      const part = readFileSync(file);
      appendFileSync(temp, part);
      digests.push(createHash('md5').update(part).digest());
      size += part.length;
    }
    renameSync(temp, target);
    const meta: ObjectMeta = {
      contentType: upload.contentType, size, lastModified: now.toUTCString(),
      etag: `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${partNumbers.length}"`,
    };
    atomicWrite(this.fileOf('meta', key, '.json'), Buffer.from(JSON.stringify(meta)));
    rmSync(this.uploadDir(uploadId), { recursive: true, force: true });
    return meta;
  }

  abortUpload(uploadId: string): void {
    this.upload(uploadId);
    rmSync(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  private uploadDir(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId)) throw Object.assign(new Error('no such upload'), { code: 'NoSuchUpload' });
    return path.join(this.root, 'uploads', uploadId);
  }

  private upload(uploadId: string): { key: string; contentType: string } {
    const file = path.join(this.uploadDir(uploadId), 'upload.json');
    if (!existsSync(file)) throw Object.assign(new Error('no such upload'), { code: 'NoSuchUpload' });
    return JSON.parse(readFileSync(file, 'utf8')) as { key: string; contentType: string };
  }

  /** Keys under `prefix` last written before `before` (what a lifecycle expiration rule removes). */
  olderThan(prefix: string, before: Date): string[] {
    const base = path.join(this.root, 'data');
    const found: string[] = [];
    const walk = (dir: string) => {
      if (!existsSync(dir)) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (!entry.name.endsWith('.tmp')) {
          const key = path.relative(base, full).split(path.sep).join('/');
          const meta = this.meta(key);
          if (key.startsWith(prefix) && meta && Date.parse(meta.lastModified) < before.getTime()) found.push(key);
        }
      }
    };
    walk(base);
    return found;
  }

  /** @throws on a key that would leave the bucket's folder */
  private fileOf(tree: 'data' | 'meta', key: string, suffix = ''): string {
    const base = path.resolve(this.root, tree);
    const file = path.resolve(base, key + suffix);
    if (!key || key.split('/').some((part) => part === '..' || part === '.') || !file.startsWith(base + path.sep)) {
      throw Object.assign(new Error(`invalid key ${key}`), { code: 'InvalidKey' });
    }
    return file;
  }
}

function atomicWrite(file: string, body: Buffer) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, body);
  renameSync(temp, file);
}

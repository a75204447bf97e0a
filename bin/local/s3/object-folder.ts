import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

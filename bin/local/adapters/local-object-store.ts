import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ObjectNotFoundError, type ObjectStore } from '../../../functions/domain/ports/object-store';

/** A folder (`.local/objects/`) playing S3: keys are relative paths, writes are atomic. */
export class LocalObjectStore implements ObjectStore {
  readonly bucket = 'local';

  constructor(private readonly dir: string) {}

  async put(key: string, body: Buffer, _contentType?: string): Promise<void> {
    const file = this.fileOf(key);
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, body);
    renameSync(temp, file);
  }

  async get(key: string): Promise<Buffer> {
    const file = this.fileOf(key);
    if (!existsSync(file)) throw new ObjectNotFoundError(key);
    return readFileSync(file);
  }

  async remove(key: string): Promise<void> {
    rmSync(this.fileOf(key), { force: true });
  }

  private fileOf(key: string): string {
    const file = path.resolve(this.dir, key);
    if (!file.startsWith(path.resolve(this.dir) + path.sep)) throw new ObjectNotFoundError(key);
    return file;
  }
}

import { ObjectNotFoundError, type ObjectStore } from '../../functions/domain/ports/object-store';

/** The object store port (raw mail, media) in memory, for domain and handler tests. */
export class MemoryObjectStore implements ObjectStore {
  readonly items = new Map<string, Buffer>();

  constructor(readonly bucket = 'memory') {}

  async put(key: string, body: Buffer): Promise<void> {
    this.items.set(key, body);
  }

  async get(key: string): Promise<Buffer> {
    const item = this.items.get(key);
    if (!item) throw new ObjectNotFoundError(key);
    return item;
  }

  async remove(key: string): Promise<void> {
    this.items.delete(key);
  }
}

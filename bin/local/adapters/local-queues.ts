import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Clock } from '../../../functions/domain/ports/clock';
import { localStateDir, readJson, writeJson } from './local-state';
import type { QueueSender, SendOptions } from '../../../functions/domain/ports/queue-sender';

export interface LocalMessage {
  id: string;
  body: string;
  sentAt: string;
  visibleAt: number;
  receiveCount: number;
  /** FIFO queues: the message group and deduplication id. */
  groupId?: string;
  deduplicationId?: string;
}

/** SQS FIFO's deduplication interval. */
const DEDUPLICATION_MS = 5 * 60_000;

/**
 * SQS, played by files under `.local/queues/`: delay, visibility timeout, receive count and a
 * dead-letter queue (`<name>-dlq`), on the local clock so delays follow when it is advanced.
 */
export class LocalQueues implements QueueSender {
  private readonly queues = new Map<string, LocalMessage[]>();
  private readonly dir: string;

  constructor(dataDir: string, private readonly clock: Clock) {
    this.dir = localStateDir(dataDir, 'queues');
  }

  private readonly recentIds = new Map<string, number>();

  async send(queue: string, body: string, options: SendOptions = {}): Promise<void> {
    this.enqueue(queue, body, options);
  }

  /** As `send`. @returns the message's id (undefined: a FIFO duplicate within the deduplication interval, dropped). */
  enqueue(queue: string, body: string, options: SendOptions = {}): string | undefined {
    const now = this.clock.now();
    if (options.deduplicationId) {
      const key = `${queue}\u0000${options.deduplicationId}`;
      const seen = this.recentIds.get(key);
      if (seen !== undefined && now.getTime() - seen < DEDUPLICATION_MS) return undefined;
      if (this.recentIds.size > 50_000) {
        for (const [id, at] of this.recentIds) if (now.getTime() - at >= DEDUPLICATION_MS) this.recentIds.delete(id);
      }
      this.recentIds.set(key, now.getTime());
    }
    const id = randomUUID();
    this.messages(queue).push({
      ...(options.groupId ? { groupId: options.groupId, deduplicationId: options.deduplicationId } : {}),
      id, body, sentAt: now.toISOString(), receiveCount: 0,
      visibleAt: now.getTime() + Math.min(900, Math.max(0, options.delaySeconds ?? 0)) * 1000,
    });
    this.save(queue);
    return id;
  }

  /** Whether the queue still holds the message (not yet deleted by its consumer nor dead-lettered). */
  holds(queue: string, id: string): boolean {
    return this.messages(queue).some((m) => m.id === id);
  }

  /** Up to `max` visible messages, hidden for `visibilitySeconds` unless deleted. */
  receive(queue: string, max: number, visibilitySeconds: number): LocalMessage[] {
    const now = this.clock.now().getTime();
    // FIFO: a group's next message waits until every earlier one of the group is deleted.
    const blocked = new Set<string>();
    const batch = this.messages(queue).filter((m) => {
      if (!m.groupId) return m.visibleAt <= now;
      if (blocked.has(m.groupId)) return false;
      if (m.visibleAt > now) {
        blocked.add(m.groupId);
        return false;
      }
      return true;
    }).slice(0, max);
    for (const message of batch) {
      message.receiveCount += 1;
      message.visibleAt = now + visibilitySeconds * 1000;
    }
    if (batch.length) this.save(queue);
    return batch.map((m) => ({ ...m }));
  }

  delete(queue: string, id: string): void {
    const list = this.messages(queue);
    const index = list.findIndex((m) => m.id === id);
    if (index >= 0) list.splice(index, 1);
    this.save(queue);
  }

  /** Moves a message that failed too often to the dead-letter queue, as SQS's redrive does. */
  deadLetter(queue: string, id: string): void {
    const list = this.messages(queue);
    const index = list.findIndex((m) => m.id === id);
    if (index < 0) return;
    const [message] = list.splice(index, 1);
    this.messages(`${queue}-dlq`).push({ ...message, visibleAt: 0 });
    this.save(queue);
    this.save(`${queue}-dlq`);
  }

  /** Messages a receive would return now. */
  visibleCount(queue: string): number {
    const now = this.clock.now().getTime();
    return this.messages(queue).filter((m) => m.visibleAt <= now).length;
  }

  /** Moves messages from the dead-letter queue back to `queue`, as SQS's DLQ redrive does. @returns the ids moved. */
  redrive(queue: string, ids: ReadonlySet<string>): string[] {
    const dead = this.messages(`${queue}-dlq`);
    const moved = dead.filter((m) => ids.has(m.id));
    if (!moved.length) return [];
    this.queues.set(`${queue}-dlq`, dead.filter((m) => !ids.has(m.id)));
    const visibleAt = this.clock.now().getTime();
    this.messages(queue).push(...moved.map((m) => ({ ...m, receiveCount: 0, visibleAt })));
    this.save(queue);
    this.save(`${queue}-dlq`);
    return moved.map((m) => m.id);
  }

  peek(queue: string): LocalMessage[] {
    return this.messages(queue).map((m) => ({ ...m }));
  }

  private messages(queue: string): LocalMessage[] {
    let list = this.queues.get(queue);
    if (!list) {
      list = readJson<LocalMessage[]>(this.file(queue), []);
      this.queues.set(queue, list);
    }
    return list;
  }

  private save(queue: string) {
    writeJson(this.file(queue), this.messages(queue));
  }

  private file(queue: string) {
    return path.join(this.dir, `${queue}.json`);
  }
}

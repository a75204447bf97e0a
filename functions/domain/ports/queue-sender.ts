import type { QueueName } from '../../manifest/queue-names';

/** Puts work on a queue of the manifest; the consumer runs later, retried, with a DLQ. */
export interface QueueSender {
  send(queue: QueueName, body: string, options?: SendOptions): Promise<void>;
}

export interface SendOptions {
  delaySeconds?: number;
  /** FIFO queues: messages of one group are delivered in order, one at a time. */
  groupId?: string;
  /** FIFO queues: a second send with this id within five minutes is dropped. */
  deduplicationId?: string;
}

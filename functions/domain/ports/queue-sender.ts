import type { QueueName } from '../../manifest/queue-names';

/** Puts work on a queue of the manifest; the consumer runs later, retried, with a DLQ. */
export interface QueueSender {
  send(queue: QueueName, body: string, options?: { delaySeconds?: number }): Promise<void>;
}

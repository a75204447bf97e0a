/** Puts work on a queue of the manifest; the consumer runs later, retried, with a DLQ. */
export interface QueueSender {
  send(queue: string, body: string, options?: { delaySeconds?: number }): Promise<void>;
}

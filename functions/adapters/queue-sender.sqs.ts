import { type SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { queueUrlEnv } from '../config';
import type { QueueSender, SendOptions } from '../domain/ports/queue-sender';

/** SQS. Each queue's URL is in the configuration under `queueUrlEnv(name)` (set by the CDK stack). */
export class SqsQueueSender implements QueueSender {
  constructor(private readonly client: SQSClient, private readonly queueUrls: Readonly<Record<string, string>>) {}

  async send(queue: string, body: string, options: SendOptions = {}): Promise<void> {
    const QueueUrl = this.queueUrls[queueUrlEnv(queue)];
    if (!QueueUrl) throw new Error(`no ${queueUrlEnv(queue)} in this function's configuration: does it need 'queues'?`);
    // SQS delays at most 15 minutes; longer waits are the caller's to split.
    const DelaySeconds = Math.min(900, Math.max(0, Math.round(options.delaySeconds ?? 0)));
    // FIFO queues take no per-message delay; they take a group and a deduplication id instead.
    const fifo = options.groupId
      ? { MessageGroupId: options.groupId, MessageDeduplicationId: options.deduplicationId }
      : { DelaySeconds };
    await this.client.send(new SendMessageCommand({ QueueUrl, MessageBody: body, ...fifo }));
  }
}

import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { QueueSender } from './queue.port';

/** SQS. Queue URLs come from the environment as QUEUE_URL_<NAME> (set by the CDK stack). */
export class SqsQueueSender implements QueueSender {
  constructor(private readonly client: SQSClient, private readonly env: NodeJS.ProcessEnv = process.env) {}

  async send(queue: string, body: string, options: { delaySeconds?: number } = {}): Promise<void> {
    const QueueUrl = this.env[queueUrlVariable(queue)];
    if (!QueueUrl) throw new Error(`no ${queueUrlVariable(queue)} in the environment`);
    // SQS delays at most 15 minutes; longer waits are the caller's to split.
    const DelaySeconds = Math.min(900, Math.max(0, Math.round(options.delaySeconds ?? 0)));
    await this.client.send(new SendMessageCommand({ QueueUrl, MessageBody: body, DelaySeconds }));
  }
}

export const queueUrlVariable = (queue: string) => `QUEUE_URL_${queue.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

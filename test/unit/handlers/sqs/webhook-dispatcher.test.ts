import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../../bin/local/lambda-context';
import { awsRuntime, provideRuntime } from '../../../../functions/runtime';

const sqs = mockClient(SQSClient);
const QueueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/helpdesk-webhook-deliveries';
type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let handler: Handler;

beforeAll(async () => {
  process.env.QUEUE_URL_WEBHOOK_DELIVERIES = QueueUrl;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  provideRuntime(awsRuntime({ ...process.env, TABLE_NAME: 'helpdesk', AWS_REGION: 'eu-west-1' }));
  ({ handler } = (await import('../../../../functions/handlers/sqs/webhook-dispatcher')) as unknown as { handler: Handler });
});

const record = (messageId: string, body: string) => ({ messageId, receiptHandle: messageId, body, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'eu-west-1' });
const due = (inSeconds: number, deliveryId: string) => JSON.stringify({
  orgId: 'org_a', webhookId: 'wh_1', deliveryId, seq: 2, retry: 2, notBefore: new Date(Date.now() + inSeconds * 1000).toISOString(),
});

describe('the webhook dispatcher (SQS consumer, AWS mode)', () => {
  it('re-enqueues early messages with SQS delays, drops unreadable ones and reports only real failures', async () => {
    sqs.reset();
    const early = due(3 * 3600, 'A');
    const failing = due(600, 'B');
    sqs.on(SendMessageCommand).resolves({ MessageId: 'x' });
    sqs.on(SendMessageCommand, { MessageBody: failing }).rejects(new Error('throttled'));
    const response = await handler(
      { Records: [record('1', early) as never, record('2', 'not json {') as never, record('3', '{"orgId":1}') as never, record('4', failing) as never] },
      lambdaContext('helpdesk-webhook-deliveries', 30) as Context,
    );
    // The queue refused record 4's re-enqueue: only it comes back; poison messages are logged and dropped.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '4' }]);
    const sent = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(sent).toEqual([
      { QueueUrl, MessageBody: early, DelaySeconds: 900 },
      { QueueUrl, MessageBody: failing, DelaySeconds: 600 },
    ]);
  });
});

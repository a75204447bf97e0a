import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsQueueSender } from '../../../../functions/adapters/queue-sender.sqs';
import { DELIVERY_QUEUE, type DeliveryMessage } from '../../../../functions/domain/webhooks/delivery-message';
import { dispatchDelivery } from '../../../../functions/domain/webhooks/dispatch-delivery';
import type { Deps } from '../../../../functions/domain/store/store';

const sqs = mockClient(SQSClient);
const QueueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/helpdesk-webhook-deliveries';
const sender = new SqsQueueSender(new SQSClient({ region: 'eu-west-1' }), { QUEUE_URL_WEBHOOK_DELIVERIES: QueueUrl });
const now = new Date('2026-11-22T10:00:00Z');
const ports = {
  deps: { now: () => now, store: undefined as never, newId: () => 'x' } satisfies Deps,
  poster: { post: async () => { throw new Error('not due: must not post'); } },
  enqueue: (message: DeliveryMessage, delaySeconds: number) => sender.send(DELIVERY_QUEUE, JSON.stringify(message), { delaySeconds }),
};
const message = (dueInSeconds: number): DeliveryMessage => ({
  orgId: 'org_a', webhookId: 'wh_1', deliveryId: '01JD000000000000000000000A', seq: 3, retry: 3,
  notBefore: new Date(now.getTime() + dueInSeconds * 1000).toISOString(),
});

describe('a delivery message that arrives before it is due (AWS)', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
  });

  it('goes back on the queue with SQS\'s longest delay while more than 15 minutes remain', async () => {
    const early = message(4 * 3600);
    expect(await dispatchDelivery(ports, early)).toEqual({ kind: 'deferred', delaySeconds: 900 });
    expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl, MessageBody: JSON.stringify(early), DelaySeconds: 900 },
    ]);
  });

  it('goes back with exactly the remaining delay when less remains', async () => {
    const soon = message(125);
    expect(await dispatchDelivery(ports, soon)).toEqual({ kind: 'deferred', delaySeconds: 125 });
    expect(sqs.commandCalls(SendMessageCommand)[0].args[0].input).toEqual({ QueueUrl, MessageBody: JSON.stringify(soon), DelaySeconds: 125 });
  });
});

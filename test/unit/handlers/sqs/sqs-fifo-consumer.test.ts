import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sqsFifoConsumer } from '../../../../functions/handlers/kit/sqs-fifo-consumer';
import { provideRuntime, type Runtime } from '../../../../functions/runtime';

const record = (id: string, group: string): SQSRecord => ({
  messageId: id, receiptHandle: id, body: id, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'x', messageAttributes: {},
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: group },
});

describe('the FIFO consumer', () => {
  it('keeps each group in order, fails a failed record with the rest of its group only', async () => {
    provideRuntime({} as Runtime);
    const seen: string[] = [];
    const handler = sqsFifoConsumer(async (r) => {
      seen.push(r.messageId);
      if (r.messageId === 'a2') throw new Error('store down');
    });
    const event: SQSEvent = { Records: [record('a1', 'a'), record('b1', 'b'), record('a2', 'a'), record('b2', 'b'), record('a3', 'a')] };
    const response = await handler(event, { functionName: 'f', getRemainingTimeInMillis: () => 10_000 } as unknown as Context);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['a2', 'a3']);
    expect(seen.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2']);
    expect(seen.filter((id) => id.startsWith('b'))).toEqual(['b1', 'b2']);
  });
});

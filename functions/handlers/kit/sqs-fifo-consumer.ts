import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../observability';
import { type Runtime, runtime } from '../../runtime';
import { lambdaHandler } from './lambda-handler';

/**
 * A FIFO queue consumer: the records of one message group in order, one at a time; different
 * groups of the batch side by side. A record that throws fails with every later record of its
 * group (reported as batch item failures, so the group never skips ahead); other groups go on.
 */
export function sqsFifoConsumer(recordHandler: (record: SQSRecord, runtime: Runtime) => Promise<void>) {
  return lambdaHandler(async (event: SQSEvent, _context: Context): Promise<SQSBatchResponse> => {
    const rt = runtime();
    const groups = new Map<string, SQSRecord[]>();
    for (const record of event.Records) {
      const group = record.attributes?.MessageGroupId ?? record.messageId;
      groups.set(group, [...(groups.get(group) ?? []), record]);
    }
    const failed: string[] = [];
    await Promise.all([...groups.values()].map(async (records) => {
      for (const [index, record] of records.entries()) {
        try {
          await recordHandler(record, rt);
        } catch (error) {
          logger.error('record failed; its group waits for the retry', { messageId: record.messageId, error: error as Error });
          failed.push(...records.slice(index).map((r) => r.messageId));
          return;
        }
      }
    }));
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  });
}

import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type Runtime, runtime } from '../../runtime';
import { lambdaHandler } from './lambda-handler';

/**
 * An SQS consumer that reports partial batch failures: a record whose handler throws is
 * retried alone (then dead-lettered); the others are deleted.
 */
export function sqsConsumer(recordHandler: (record: SQSRecord, runtime: Runtime) => Promise<void>) {
  const processor = new BatchProcessor(EventType.SQS);
  return lambdaHandler(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const rt = runtime();
    return processPartialResponse(event, (record: SQSRecord) => recordHandler(record, rt), processor, { context });
  });
}

/**
 * An SQS consumer that takes the batch as a whole (to merge the records' writes): it returns the
 * message ids that failed, which are retried alone (then dead-lettered); the others are deleted.
 * A throw fails the whole batch.
 */
export function sqsBatchConsumer(batchHandler: (records: readonly SQSRecord[], runtime: Runtime) => Promise<readonly string[]>) {
  return lambdaHandler(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failed = await batchHandler(event.Records, runtime());
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  });
}

/** The record's body as JSON, or undefined when it is not JSON (the caller drops it and says so). */
export function jsonBodyOf(record: SQSRecord): unknown {
  try {
    return JSON.parse(record.body);
  } catch {
    return undefined;
  }
}

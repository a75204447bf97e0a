import { SqsFifoPartialProcessorAsync, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type Runtime, runtime } from '../../runtime';
import { lambdaHandler } from './lambda-handler';

/**
 * A FIFO queue consumer: records in order, one at a time. A record that throws fails with every
 * later record of its message group (so a group never skips ahead); other groups go on.
 */
export function sqsFifoConsumer(recordHandler: (record: SQSRecord, runtime: Runtime) => Promise<void>) {
  const processor = new SqsFifoPartialProcessorAsync();
  return lambdaHandler(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const rt = runtime();
    return processPartialResponse(event, (record: SQSRecord) => recordHandler(record, rt), processor, { context, skipGroupOnError: true });
  });
}

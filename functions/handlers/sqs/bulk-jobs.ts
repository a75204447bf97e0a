import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { runBulkJob } from '../../domain/tickets/bulk-jobs';
import { logger, metrics } from '../../observability';
import type { Runtime } from '../../runtime';
import { jsonBodyOf, sqsConsumer } from '../kit/sqs-consumer';
import { toProblem } from '../kit/problems';

const Message = z.object({ orgId: z.string(), jobId: z.string() });

/** One record = one bulk job, worked through page by page; a failure leaves its place saved and SQS redelivers it. */
async function recordHandler(record: SQSRecord, { deps, ports }: Runtime) {
  const parsed = Message.safeParse(jsonBodyOf(record));
  if (!parsed.success) {
    logger.error('unreadable bulk job dropped', { messageId: record.messageId });
    return;
  }
  const progress = await runBulkJob(deps, ports.connections, parsed.data, (error) => toProblem(error));
  if (progress) metrics.addMetric('BulkJobTickets', MetricUnit.Count, progress.processed);
  logger.info('bulk job worked through', { ...parsed.data, ...progress });
}

export const handler = sqsConsumer(recordHandler);

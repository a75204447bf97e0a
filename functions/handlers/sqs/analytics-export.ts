import type { SQSRecord } from 'aws-lambda';
import { type ExportJobMessage, runExport } from '../../domain/analytics/exports';
import { logger } from '../../observability';
import type { Runtime } from '../../runtime';
import { jsonBodyOf, sqsConsumer } from '../kit/sqs-consumer';

/** One record = one export; a failure fails the record, so SQS delivers it again (a finished export is skipped). */
async function recordHandler(record: SQSRecord, { deps, ports }: Runtime) {
  const job = jsonBodyOf(record) as ExportJobMessage | undefined;
  if (!job?.orgId || !job.exportId) {
    logger.error('unreadable export job dropped', { messageId: record.messageId });
    return;
  }
  const outcome = await runExport(deps, ports.attachments, job);
  logger.info('export written', { orgId: job.orgId, exportId: job.exportId, outcome });
}

export const handler = sqsConsumer(recordHandler);

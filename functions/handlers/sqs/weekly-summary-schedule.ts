import type { SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { syncWeeklySummarySchedule } from '../../domain/analytics/weekly-schedule';
import { logger } from '../../observability';
import type { Runtime } from '../../runtime';
import { jsonBodyOf, sqsConsumer } from '../kit/sqs-consumer';

const ScheduleJob = z.object({ orgId: z.string().min(1) });

/**
 * One record = one change of an organization's weekly summary setting (an outbox job): brings
 * its one recurring schedule in line with the settings as they are now. Reading the settings
 * rather than the job makes a repeated or late record converge, so it needs no idempotency record.
 */
async function recordHandler(record: SQSRecord, { deps, ports }: Runtime) {
  const parsed = ScheduleJob.safeParse(jsonBodyOf(record));
  if (!parsed.success) {
    logger.error('unreadable weekly summary schedule job dropped', { messageId: record.messageId });
    return;
  }
  const outcome = await syncWeeklySummarySchedule(deps, ports.recurring, parsed.data.orgId);
  logger.info('weekly summary schedule synced', { orgId: parsed.data.orgId, ...outcome });
}

export const handler = sqsConsumer(recordHandler);

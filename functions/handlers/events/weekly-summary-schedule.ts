import type { Context } from 'aws-lambda';
import { syncWeeklySummarySchedule } from '../../domain/analytics/weekly-schedule';
import { logger } from '../../observability';
import { runtime } from '../../runtime';
import type { BusEvent, JobEvent } from '../../../schemas/events';
import { lambdaHandler } from '../kit/lambda-handler';

/**
 * Bus rule target of `job.analytics.weekly-schedule` (committed with a change of the weekly
 * summary setting): brings the organization's one recurring schedule in line with its settings
 * as they are now. Reading the settings rather than the event makes a repeated or late job
 * converge, so it needs no idempotency record of its own.
 */
export const handler = lambdaHandler(async (event: BusEvent<JobEvent>, _context: Context) => {
  const { deps, ports } = runtime();
  const { orgId } = event.detail;
  logger.appendKeys({ orgId, eventId: event.detail.id });
  const outcome = await syncWeeklySummarySchedule(deps, ports.recurring, orgId);
  logger.info('weekly summary schedule synced', { ...outcome });
  return outcome;
});

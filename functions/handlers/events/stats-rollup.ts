import type { Context } from 'aws-lambda';
import { applyTicketStats } from '../../domain/analytics/rollup';
import { runtime } from '../../runtime';
import type { BusEvent } from '../../../schemas/events';
import { lambdaHandler } from '../kit/lambda-handler';

/**
 * Bus rule target: adds a ticket event to the stats rollups. Not wrapped in the idempotency
 * store: the event's marker commits in the same transaction as the cells' ADDs, so a
 * redelivery fails the marker's condition and adds nothing.
 */
export const handler = lambdaHandler(async (event: BusEvent, _context: Context) => ({
  outcome: await applyTicketStats(runtime().deps, event.detail),
}));

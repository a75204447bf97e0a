import type { Context } from 'aws-lambda';
import { applyTicketLoad } from '../../domain/team/load-counters';
import { runtime } from '../../runtime';
import type { BusEvent } from '../../../schemas/events';
import { lambdaHandler } from '../kit/lambda-handler';

/**
 * Bus rule target: keeps agents' open-assigned counters. Not wrapped in the idempotency
 * store: each change is guarded by the ticket version it brings, in the same transaction as
 * the counters, which makes a redelivery (or a late, older event) a no-op by itself.
 */
export const handler = lambdaHandler(async (event: BusEvent, _context: Context) => {
  const { orgId, ticketId, ticketVersion, ticket } = event.detail;
  return { outcome: await applyTicketLoad(runtime().deps, { orgId, ticketId, ticketVersion, ticket }) };
});

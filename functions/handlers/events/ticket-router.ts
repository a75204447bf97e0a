import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { routeTicket } from '../../domain/team/route-ticket';
import { logger, metrics } from '../../observability';
import type { BusEvent, TicketEvent } from '../../../schemas/events';
import { busConsumer } from '../kit/bus-consumer';
import { lambdaHandler } from '../kit/lambda-handler';

const CLOSED_GROUP = ['resolved', 'closed', 'cancelled'];
/** A move out of resolved, closed or cancelled (by an agent, or by the customer's reply). */
const wasReopened = (event: TicketEvent) => {
  const from = event.changes?.status?.from;
  return typeof from === 'string' && CLOSED_GROUP.includes(from) && !CLOSED_GROUP.includes(event.ticket.status);
};

/** Which events ask for routing: a new ticket, a reopened unassigned one, an escalation to a department. */
export function routingRequest(event: TicketEvent): { target?: { departmentId: string } } | undefined {
  if (event.ticket.assigneeId) return undefined;
  if (event.type === 'ticket.created') return {};
  if (event.type === 'ticket.status.changed' && wasReopened(event)) return {};
  const departmentId = (event.data as { departmentId?: string } | undefined)?.departmentId;
  if (event.type === 'ticket.escalated' && departmentId) return { target: { departmentId } };
  return undefined;
}

const route = busConsumer('ticket-router', async (event, { deps }) => {
  const request = routingRequest(event.detail)!;
  const outcome = await routeTicket(deps, event.detail.orgId, event.detail.ticketId, request);
  if (outcome.outcome === 'assigned') metrics.addMetric('TicketsRouted', MetricUnit.Count, 1);
  if (outcome.outcome === 'unrouted') metrics.addMetric('TicketsUnrouted', MetricUnit.Count, 1);
  if (outcome.outcome !== 'skipped') logger.info('ticket routed', { orgId: event.detail.orgId, ticketId: event.detail.ticketId, ...outcome });
  return outcome;
});

/**
 * Bus rule target: routes tickets to agents by the organization's rules. Most events ask for
 * no routing: they cost nothing, not even an idempotency record.
 */
export const handler = lambdaHandler(async (event: BusEvent, context: Context) =>
  (routingRequest(event.detail) ? route(event, context) : { outcome: 'ignored' as const }));

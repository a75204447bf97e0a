import type { Context } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { type RouteOutcome, routeTicket } from '../../domain/team/route-ticket';
import { logger, metrics } from '../../observability';
import type { BusEvent, TicketEvent } from '../../../schemas/events';
import { deps } from '../deps';
import { idempotentConsumer } from './idempotent-consumer';

/** Which events ask for routing: a new ticket, a reopened unassigned one, an escalation to a department. */
export function routingRequest(event: TicketEvent): { target?: { departmentId: string } } | undefined {
  if (event.ticket.assigneeId) return undefined;
  if (event.type === 'ticket.created') return {};
  if (event.type === 'ticket.status.changed' && (event.data as { reopened?: boolean } | undefined)?.reopened) return {};
  const departmentId = (event.data as { departmentId?: string } | undefined)?.departmentId;
  if (event.type === 'ticket.escalated' && departmentId) return { target: { departmentId } };
  return undefined;
}

const route = idempotentConsumer('ticket-router', async (event: BusEvent): Promise<RouteOutcome | { outcome: 'ignored' }> => {
  const request = routingRequest(event.detail);
  if (!request) return { outcome: 'ignored' };
  const outcome = await routeTicket(deps, event.detail.orgId, event.detail.ticketId, request);
  if (outcome.outcome === 'assigned') metrics.addMetric('TicketsRouted', MetricUnit.Count, 1);
  if (outcome.outcome === 'unrouted') metrics.addMetric('TicketsUnrouted', MetricUnit.Count, 1);
  if (outcome.outcome !== 'skipped') logger.info('ticket routed', { orgId: event.detail.orgId, ticketId: event.detail.ticketId, ...outcome });
  return outcome;
});

/** Bus rule target: routes tickets to agents by the organization's rules. */
export const handler = async (event: BusEvent, context?: Context) => {
  try {
    return await route(event, context);
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};

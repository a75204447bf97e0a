import { applyTicketLoad } from '../../domain/team/load-counters';
import { busConsumer } from '../kit/bus-consumer';

/**
 * Bus rule target: keeps agents' open-assigned counters. No idempotency record: each change is
 * guarded by the ticket version it brings, in the same transaction as the counters, which makes
 * a redelivery (or a late, older event) a no-op by itself.
 */
export const handler = busConsumer({ rule: 'agent-load', dedupe: 'by-construction' }, async (event, { deps }) => {
  const { orgId, ticketId, ticketVersion, ticket } = event.detail;
  return { outcome: await applyTicketLoad(deps, { orgId, ticketId, ticketVersion, ticket }) };
});

import { applyTicketLoad } from '../../domain/team/load-counters';
import type { BusEvent } from '../../../schemas/events';
import { deps } from '../deps';

/**
 * Bus rule target: keeps agents' open-assigned counters. Not wrapped in the idempotency
 * store: each change is guarded by the ticket version it brings, which makes a redelivery
 * (or a late, older event) a no-op by itself, in the same transaction as the counters.
 */
export const handler = async (event: BusEvent) => {
  const { orgId, ticketId, ticketVersion, ticket } = event.detail;
  return { outcome: await applyTicketLoad(deps, { orgId, ticketId, ticketVersion, ticket }) };
};

import { defaultSlaPolicy, startSla } from '../functions/domain/sla';
import type { Deps } from '../functions/domain/store/store';
import { nextBreachOf } from '../functions/domain/tickets/ticket-sla';

/**
 * The floor a create cannot go under: the same ticket item a create writes (SLA state and
 * every index key included) and its activity item, put in one transaction with no counter,
 * no number lookup, no checks, no HTTP.
 */
export function bareTicketWrite(deps: Deps, orgId: string) {
  const now = new Date().toISOString();
  const ticketId = deps.newId();
  const sla = startSla(defaultSlaPolicy(), 'medium', new Date(now));
  const ticket = deps.store.entities.ticket
    .create({
      orgId, ticketId, number: `TKT-1999-${ticketId.slice(-6)}`, subject: 'Bench ticket 0',
      description: 'The export job fails with a timeout after 30 seconds.', status: 'new', priority: 'medium', tags: [],
      customFields: {}, requesterEmail: 'bench0@example.com', createdById: 'bench', assigneeKey: 'unassigned',
      escalationTier: 0, escalated: false, channel: 'api', messageCount: 0, noteCount: 0, createdAt: now, updatedAt: now, version: 1,
      sla, slaNextBreachAt: nextBreachOf(sla), statusSince: now,
    })
    .params<{ Item: Record<string, unknown>; TableName: string }>();
  const activity = deps.store.entities.activity
    .create({
      orgId, ticketId, activityId: deps.newId(), type: 'ticket.created', actorId: 'bench', actorRole: 'agent', internal: false,
      data: { number: 'TKT-1999-000000', priority: 'medium', channel: 'api', assigneeId: null }, ticketVersion: 1, createdAt: now,
      snapshot: { number: 'TKT-1999-000000', subject: 'Bench ticket 0', status: 'new', priority: 'medium', assigneeId: null, requesterEmail: 'bench0@example.com', escalationTier: 0, channel: 'api', updatedAt: now, version: 1 },
    })
    .params<{ Item: Record<string, unknown>; TableName: string }>();
  return [{ Put: { TableName: ticket.TableName, Item: ticket.Item } }, { Put: { TableName: activity.TableName, Item: activity.Item } }];
}

import type { TicketEvent } from '../../../schemas/events';
import type { Deps } from '../store/store';
import { bucketCounts, learningAdds } from './naive-bayes';
import { tokens } from './text';

/** A ticket teaches the model once; its marker is kept long past any redelivery or quick reopen. */
const MARKER_TTL_SECONDS = 90 * 86_400;

/** Whether an event says a ticket is done: resolved, or closed. Pure. */
export function isDoneEvent(event: Pick<TicketEvent, 'type' | 'changes'>): boolean {
  if (event.type === 'ticket.closed') return true;
  const to = event.type === 'ticket.status.changed' ? event.changes?.status?.to : undefined;
  return to === 'resolved' || to === 'closed';
}

/**
 * Learns from a resolved or closed ticket with a category: its subject and description tokens
 * are ADDed to the category's counts, and a marker for the ticket commits in the same
 * transaction, so a redelivered event, or the close that follows a resolve, teaches nothing
 * twice. No read of the model, no read-modify-write: concurrent learners never retry.
 */
export async function learnFromTicket(
  deps: Deps, event: Pick<TicketEvent, 'type' | 'changes' | 'orgId' | 'ticketId'> & { ticket: { category?: string | null } },
): Promise<'learned' | 'duplicate' | 'skipped'> {
  if (!isDoneEvent(event)) return 'skipped';
  const categoryId = event.ticket.category;
  if (!categoryId) return 'skipped';
  const { data: ticket } = await deps.store.entities.ticket.get({ orgId: event.orgId, ticketId: event.ticketId }).go();
  if (!ticket || ticket.category !== categoryId) return 'skipped';
  const counts = bucketCounts(tokens(`${ticket.subject}\n${ticket.description}`));
  if (counts.size === 0) return 'skipped';
  const ttl = Math.floor(deps.now().getTime() / 1000) + MARKER_TTL_SECONDS;
  const { canceled, data } = await deps.store.transaction
    .write(({ eventMarker, assistModel }) => [
      eventMarker.create({ orgId: event.orgId, consumer: 'assist-learn', eventId: event.ticketId, ttl }).commit(),
      assistModel.update({ orgId: event.orgId, categoryId }).add(learningAdds(counts) as never).commit(),
    ])
    .go();
  if (!canceled) return 'learned';
  if (data[0]?.code === 'ConditionalCheckFailed') return 'duplicate';
  throw new Error(`learning from ticket ${event.ticketId} was cancelled`);
}

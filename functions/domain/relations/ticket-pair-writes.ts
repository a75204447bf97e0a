import type { Deps } from '../store/store';
import type { Activity } from '../tickets/activity.entity';
import type { Ticket } from '../tickets/ticket.entity';
import { type AlsoItems, ticketPatchOp } from '../tickets/ticket-writes';

export interface TicketChange {
  current: Ticket;
  next: Ticket;
  activities: Activity[];
}

/**
 * Writes several tickets' next states with their activities in ONE transaction, each guarded by
 * the version it was computed from, plus a caller's own items: both sides of a link, a merge's
 * closing step. `ticket-changed` when any ticket moved meanwhile (re-read and retry).
 */
export async function saveTicketChanges(
  deps: Deps, changes: readonly TicketChange[], also?: AlsoItems,
): Promise<{ ok: true } | { ok: false; reason: 'ticket-changed' | 'conflict' }> {
  const { canceled, data } = await deps.store.transaction
    .write((tx) => [
      ...changes.map(({ current, next }) => ticketPatchOp(tx, current, next)),
      ...changes.flatMap(({ activities }) => activities.map((item) => tx.activity.create(item).commit())),
      ...((also?.(tx) ?? []) as never[]),
    ])
    .go();
  if (!canceled) return { ok: true };
  if ((data as { code?: string }[]).slice(0, changes.length).some((item) => item?.code === 'ConditionalCheckFailed')) return { ok: false, reason: 'ticket-changed' };
  return { ok: false, reason: 'conflict' };
}

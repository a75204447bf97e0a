import type { Deps } from '../store/store';

const MARKER_TTL_SECONDS = 7 * 86_400;

/** How a ticket event moves category usage: +1 on the category it names now, -1 on the one it left. Pure. */
export function categoryMoves(event: {
  type: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
  ticket: { category?: string | null };
}): { categoryId: string; by: 1 | -1 }[] {
  if (event.type === 'ticket.created') return event.ticket.category ? [{ categoryId: event.ticket.category, by: 1 }] : [];
  const change = event.changes?.category;
  if (!change) return [];
  return [
    ...(typeof change.from === 'string' && change.from ? [{ categoryId: change.from, by: -1 as const }] : []),
    ...(typeof change.to === 'string' && change.to ? [{ categoryId: change.to, by: 1 as const }] : []),
  ];
}

/**
 * Applies an event's category moves once: the counter ADDs and a marker for the event id
 * commit together, so a redelivered event fails the marker's condition and adds nothing.
 * A category deleted meanwhile is skipped.
 */
export async function countCategoryUsage(
  deps: Deps,
  event: { id: string; orgId: string; type: string; changes?: Record<string, { from: unknown; to: unknown }>; ticket: { category?: string | null } },
): Promise<'applied' | 'duplicate' | 'none'> {
  let moves = categoryMoves(event);
  if (moves.length === 0) return 'none';
  const ttl = Math.floor(deps.now().getTime() / 1000) + MARKER_TTL_SECONDS;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { canceled, data } = await deps.store.transaction
      .write(({ eventMarker, category }) => [
        eventMarker.create({ orgId: event.orgId, consumer: 'category-usage', eventId: event.id, ttl }).commit(),
        ...moves.map((move) => category.patch({ orgId: event.orgId, categoryId: move.categoryId }).add({ ticketCount: move.by }).commit()),
      ])
      .go();
    if (!canceled) return 'applied';
    if (data[0]?.code === 'ConditionalCheckFailed') return 'duplicate';
    const gone = new Set(moves.filter((_m, i) => data[i + 1]?.code === 'ConditionalCheckFailed').map((m) => m.categoryId));
    moves = moves.filter((m) => !gone.has(m.categoryId));
    if (moves.length === 0) return 'none';
  }
  return 'none';
}

import type { TicketView } from '../core/types';

/** A ticket as a live event left it, and whether it belongs in the list (undefined: the filters cannot tell). */
export interface LiveRow {
  ticket: TicketView;
  belongs: boolean | undefined;
}

export interface ListShape {
  /** The first page (no cursor): it is re-sorted, and takes tickets that newly belong when newest first. */
  firstPage: boolean;
  sort: string;
  order: string;
}

/**
 * The list's rows with live changes applied: a changed row replaced or dropped (unless the row
 * is newer), a ticket that newly belongs added on top. Used for each live batch and again when a page read arrives,
 * since a page read that started before a live change is older than it. Pure.
 * @returns the rows and the ids of the rows the changes touched.
 */
export function applyLiveRows(items: readonly TicketView[], rows: readonly LiveRow[], shape: ListShape): { items: TicketView[]; touched: Set<string> } {
  let next = [...items];
  const touched = new Set<string>();
  for (const { ticket, belongs } of rows) {
    const index = next.findIndex((i) => i.id === ticket.id);
    // Reads that overlap can arrive in any order: a row never goes back to an older state.
    if (index >= 0 && next[index]!.updatedAt > ticket.updatedAt) continue;
    if (index >= 0) {
      if (belongs === false) next.splice(index, 1);
      else next[index] = ticket;
      touched.add(ticket.id);
    } else if (belongs && shape.firstPage && shape.order === 'desc') {
      next.unshift(ticket);
      touched.add(ticket.id);
    }
  }
  if (shape.sort === 'updatedAt' && shape.firstPage) next = sortBy(next, 'updatedAt', shape.order);
  return { items: next, touched };
}

function sortBy(items: TicketView[], field: 'updatedAt' | 'createdAt', order: string): TicketView[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * a[field].localeCompare(b[field]));
}

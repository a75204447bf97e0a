import type { TicketView } from '../../../schemas/tickets';
import type { Caller } from '../caller';
import { customFieldsLens } from '../catalog/check-ticket-fields';
import type { Deps } from '../store/store';
import { ticketViewFor } from '../tickets/customer-view';
import type { Ticket } from '../tickets/ticket.entity';
import { toTicketView } from '../tickets/ticket-view';
import { statusLens } from './status-lens';

/**
 * Views of tickets (or of any view built from each ticket, such as the detail view) as the caller
 * may see them: custom fields they may see, the status as it reads to them, staff by name for customers.
 */
export async function shapeTicketViews<V extends TicketView>(
  deps: Deps, caller: Caller, tickets: readonly Ticket[], build: (ticket: Ticket) => V,
): Promise<V[]> {
  const [fields, status] = await Promise.all([customFieldsLens(deps, caller), statusLens(deps, caller, tickets)]);
  return ticketViewFor(deps, caller, tickets.map((t) => status(fields(build(t)), t.customStatusId)));
}

/** Plain ticket views, shaped for the caller. */
export const ticketViewsFor = (deps: Deps, caller: Caller, tickets: readonly Ticket[]) =>
  shapeTicketViews(deps, caller, tickets, (t) => toTicketView(t, caller));

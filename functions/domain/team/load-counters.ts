import type { TicketStatus } from '../../../schemas/tickets';
import type { Deps } from '../store/store';
import type { LoadHolder } from './team.entities';

/** The transaction's entity set, as ElectroDB hands it to `transaction.write`. */
export type TxEntities = Parameters<Parameters<Deps['store']['transaction']['write']>[0]>[0];

/** Statuses whose tickets weigh on their assignee; resolved, closed and cancelled do not. */
const OFF_LOAD: readonly TicketStatus[] = ['resolved', 'closed', 'cancelled'];
export const weighsOnAssignee = (status: TicketStatus) => !OFF_LOAD.includes(status);

export interface LoadState {
  agentId?: string;
  counted: boolean;
}

export const loadStateOf = (ticket: { assigneeId?: string | null; status: TicketStatus }): LoadState => ({
  agentId: ticket.assigneeId ?? undefined,
  counted: Boolean(ticket.assigneeId) && weighsOnAssignee(ticket.status),
});

/** Which counters move when a ticket's load goes from `before` to `after`. Pure. */
export function loadMoves(before: LoadState | undefined, after: LoadState): { decrement?: string; increment?: string } {
  const was = before?.counted ? before.agentId : undefined;
  const is = after.counted ? after.agentId : undefined;
  if (was === is) return {};
  return { ...(was ? { decrement: was } : {}), ...(is ? { increment: is } : {}) };
}

/**
 * The transaction items that move a ticket's load holder from `holder` to `after` at
 * `ticketVersion`, with the counters' ADDs. The holder's write is guarded by the version it
 * was read at, so two writers never both move the same counters. With `capacity`, the
 * increment also requires the agent to be under it (the router's reservation).
 */
export function loadTransitionItems(
  tx: TxEntities,
  orgId: string,
  ticketId: string,
  holder: LoadHolder | undefined,
  after: LoadState,
  ticketVersion: number,
  options: { capacity?: number; at?: string } = {},
) {
  const moves = loadMoves(holder, after);
  const items = [
    tx.loadHolder
      .put({ orgId, ticketId, agentId: after.agentId, counted: after.counted, ticketVersion })
      .where((attr, op) => (holder ? op.eq(attr.ticketVersion, holder.ticketVersion) : op.notExists(attr.ticketVersion)))
      .commit(),
  ];
  if (moves.decrement) items.push(tx.agentLoad.update({ orgId, userId: moves.decrement }).add({ openAssigned: -1 }).commit() as never);
  if (moves.increment) {
    const capacity = options.capacity;
    const inc = tx.agentLoad.update({ orgId, userId: moves.increment }).add({ openAssigned: 1 });
    const withTime = options.at ? inc.set({ lastAssignedAt: options.at }) : inc;
    items.push(
      (capacity === undefined
        ? withTime.commit()
        : withTime.where((attr, op) => `(${op.notExists(attr.openAssigned)} OR ${op.lt(attr.openAssigned, capacity)})`).commit()) as never,
    );
  }
  return { items, moves };
}

/** The consistent read of a ticket's load holder (what the counters currently reflect). */
export async function readHolder(deps: Deps, orgId: string, ticketId: string): Promise<LoadHolder | undefined> {
  const { data } = await deps.store.entities.loadHolder.get({ orgId, ticketId }).go({ consistent: true });
  return data ?? undefined;
}

export type LoadOutcome = 'moved' | 'unchanged' | 'stale';

/**
 * Brings an agent load in line with a ticket event's snapshot (the bus consumer). Idempotent
 * and order-tolerant: an event whose ticket version is not newer than the holder's changes
 * nothing, so a redelivery never counts twice and a late event never undoes a newer one.
 */
export async function applyTicketLoad(
  deps: Deps,
  event: { orgId: string; ticketId: string; ticketVersion: number; ticket: { assigneeId: string | null; status: TicketStatus } },
): Promise<LoadOutcome> {
  const after = loadStateOf(event.ticket);
  // A ticket created unassigned weighs on nobody, and no event can be older than its first:
  // no holder yet means exactly that, so the write is saved.
  if (event.ticketVersion === 1 && !after.counted) return 'unchanged';
  for (let attempt = 0; attempt < 10; attempt++) {
    const holder = await readHolder(deps, event.orgId, event.ticketId);
    if (holder && holder.ticketVersion >= event.ticketVersion) return 'stale';
    const { canceled } = await deps.store.transaction
      .write((tx) => loadTransitionItems(tx, event.orgId, event.ticketId, holder, after, event.ticketVersion).items)
      .go();
    if (!canceled) return Object.keys(loadMoves(holder, after)).length ? 'moved' : 'unchanged';
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`load holder of ${event.ticketId} stayed contended`);
}

/** Every agent's load of the organization: one Query of the org's load partition. */
export async function loadsOf(deps: Deps, orgId: string): Promise<Map<string, { openAssigned: number; lastAssignedAt?: string }>> {
  const { data } = await deps.store.entities.agentLoad.query.byOrg({ orgId }).go({ pages: 'all', consistent: true });
  return new Map(data.map((load) => [load.userId, { openAssigned: Math.max(0, load.openAssigned ?? 0), lastAssignedAt: load.lastAssignedAt }]));
}

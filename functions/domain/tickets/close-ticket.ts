import { type Caller, isStaff } from '../caller';
import { ForbiddenError, IllegalTransitionError, VersionConflictError } from '../errors';
import type { Deps } from '../store/store';
import { activityOf } from './activities';
import { loadTicket, retryOnConflict } from './load-ticket';
import { saveTicketChange } from './ticket-writes';
import { withSla } from './ticket-sla';
import type { Ticket } from './ticket.entity';
import { TRANSITIONS } from './transitions';

/** Where the requester may close their own ticket from: a resolution to confirm, or a wait on them. */
const REQUESTER_MAY_CLOSE_FROM = (['resolved', 'waiting_on_customer', 'waiting_on_third_party'] as const).filter((s) => TRANSITIONS[s].includes('closed'));

/**
 * The requester closes their ticket (confirms a resolution, or no longer needs help while it
 * waits on them): `ticket.status.changed` and `ticket.closed`, one transaction, one version.
 * @throws ForbiddenError (staff: use PATCH), NotFoundError (not the requester's),
 *   IllegalTransitionError (from any other status, with `allowed`), VersionConflictError
 */
export async function closeTicketAsRequester(deps: Deps, caller: Caller, ticketId: string, expectedVersion?: number): Promise<Ticket> {
  if (isStaff(caller)) throw new ForbiddenError('staff close tickets with PATCH /v1/tickets/{ticketId}');
  const result = await retryOnConflict(async () => {
    const current = await loadTicket(deps, caller, ticketId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new VersionConflictError(ticketId, current.version);
    if (!(REQUESTER_MAY_CLOSE_FROM as readonly string[]).includes(current.status)) {
      throw new IllegalTransitionError(current.status, 'closed', [],
        `the requester may close a ticket that is ${REQUESTER_MAY_CLOSE_FROM.join(' or ')}; this one is ${current.status}`);
    }
    const at = deps.now().toISOString();
    const planned: Ticket = { ...current, status: 'closed', closedAt: at, version: current.version + 1, updatedAt: at };
    const next = await withSla(deps, current, planned);
    const activities = [
      activityOf(next, 'ticket.status.changed', caller, deps.newId(), {
        changes: { status: { from: current.status, to: 'closed' } }, data: { reason: 'closed-by-requester' },
      }),
      activityOf(next, 'ticket.closed', caller, deps.newId(), { data: { from: current.status, reason: 'closed-by-requester' } }),
    ];
    const outcome = await saveTicketChange(deps, current, next, activities);
    if (outcome.ok) return next;
    if (expectedVersion !== undefined) throw new VersionConflictError(ticketId);
    return 'retry' as const;
  });
  if (result === 'retry') throw new VersionConflictError(ticketId);
  return result;
}

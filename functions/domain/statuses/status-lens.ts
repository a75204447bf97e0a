import type { TicketView } from '../../../schemas/tickets';
import { type Caller, isStaff } from '../caller';
import type { Deps } from '../store/store';
import type { CustomStatus } from './custom-status.entity';
import { DEFAULT_STATUS_LABELS, customStatusesOf } from './manage-statuses';

type Carrier = Pick<TicketView, 'status'> & { customStatusId?: string | null };

/**
 * How a ticket's status reads to the caller: staff see the custom status (name and id), customers
 * its customer label, else the category's own label. Reads the organization's (cached) set only
 * when a ticket carries a custom status; one it does not know yet makes it read afresh once.
 */
export async function statusLens(deps: Deps, caller: Caller, tickets: readonly { customStatusId?: string }[]) {
  const ids = new Set(tickets.map((t) => t.customStatusId).filter((id): id is string => !!id));
  let known = new Map<string, CustomStatus>();
  if (ids.size) {
    let statuses = await customStatusesOf(deps, caller.orgId);
    if ([...ids].some((id) => !statuses.some((s) => s.statusId === id))) statuses = await customStatusesOf(deps, caller.orgId, { fresh: true });
    known = new Map(statuses.map((s) => [s.statusId, s]));
  }
  return <V extends Carrier>(view: V, customStatusId: string | undefined): V => {
    const custom = customStatusId ? known.get(customStatusId) : undefined;
    const fallback = DEFAULT_STATUS_LABELS[view.status];
    if (isStaff(caller)) {
      return {
        ...view,
        statusLabel: custom?.name ?? fallback,
        customStatus: custom ? { id: custom.statusId, name: custom.name, category: custom.category } : null,
      };
    }
    return { ...view, statusLabel: custom?.customerLabel ?? fallback };
  };
}

import { isStaffRole } from '../../../schemas/roles';
import type { ActivityView, MessageView, TicketDetailView, TicketView } from '../../../schemas/tickets';
import type { TicketEvent } from '../../../schemas/events';
import { type Caller, isStaff } from '../caller';
import type { Deps } from '../store/store';

/** Fields that hold a staff member's id wherever they appear (changes, event data). */
const STAFF_ID_FIELDS = new Set(['assigneeId', 'resolvedById']);
/** What a customer reads where a staff member's name is unknown. */
export const STAFF_FALLBACK_NAME = 'Support team';

type Person = { id?: string; name?: string; role: string };
type Changes = Record<string, { from: unknown; to: unknown }>;

/**
 * A customer never sees a staff member's id, only a display name: the ticket's assignee and
 * resolver by name (from the organization's directory), message authors and activity actors by
 * the name written with them, and no staff ids in changes or event data. Staff views pass
 * through unchanged. Every customer-visible view and event frame is shaped through here.
 */
export async function ticketViewFor<V extends TicketView>(deps: Deps, caller: Caller, views: V[]): Promise<V[]> {
  if (isStaff(caller)) return views;
  const names = await staffNames(deps, caller.orgId, views.flatMap((v) => [v.assigneeId, v.resolution?.by]));
  return views.map((view) => forCustomer(view, names));
}

export function forCustomer<V extends TicketView>(view: V, names: ReadonlyMap<string, string>): V {
  const nameOf = (id: string | null | undefined) => (id ? names.get(id) ?? STAFF_FALLBACK_NAME : null);
  const shaped: V = {
    ...view,
    assigneeId: null,
    assigneeName: nameOf(view.assigneeId),
    resolution: view.resolution ? { ...view.resolution, by: nameOf(view.resolution.by) ?? STAFF_FALLBACK_NAME } : null,
  };
  const detail = shaped as V & Partial<Pick<TicketDetailView, 'messages' | 'activities'>>;
  if (detail.messages) detail.messages = detail.messages.map((m: MessageView) => ({ ...m, author: personForCustomer(m.author) as MessageView['author'] }));
  if (detail.activities) {
    detail.activities = detail.activities.map((a: ActivityView) => ({
      ...a, actor: personForCustomer(a.actor) as ActivityView['actor'], changes: withoutStaffIds(a.changes), data: withoutStaffIds(a.data),
    }));
  }
  return shaped;
}

/** A ticket event as a customer's WebSocket receives it: actor by name, no assignee id. */
export function eventForCustomer(event: TicketEvent): TicketEvent {
  return {
    ...event,
    actor: personForCustomer(event.actor) as TicketEvent['actor'],
    ticket: { ...event.ticket, assigneeId: null },
    ...(event.changes ? { changes: withoutStaffIds(event.changes) } : {}),
    ...(event.data && typeof event.data === 'object' ? { data: withoutStaffIds(event.data as Record<string, unknown>) } : {}),
  } as TicketEvent;
}

/** A person a customer may see: themselves (customers) in full, staff by name and role only. */
export function personForCustomer<P extends Person>(person: P): Person {
  if (!isStaffRole(person.role)) return person;
  return { name: person.name ?? STAFF_FALLBACK_NAME, role: person.role };
}

function withoutStaffIds<T extends Changes | Record<string, unknown> | undefined>(record: T): T {
  if (!record) return record;
  return Object.fromEntries(Object.entries(record).filter(([field]) => !STAFF_ID_FIELDS.has(field))) as T;
}

/** Display names of these staff ids from the organization's directory (one batch read). */
export async function staffNames(deps: Deps, orgId: string, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const { data } = await deps.store.entities.user.get(wanted.map((userId) => ({ orgId, userId }))).go();
  return new Map(data.map((user) => [user.userId, user.name]));
}

/** A page of messages as the caller may see it: staff authors by name for customers. */
export function messageViewsFor(caller: Caller, views: MessageView[]): MessageView[] {
  if (isStaff(caller)) return views;
  return views.map((m) => ({ ...m, author: personForCustomer(m.author) as MessageView['author'] }));
}

import type { Deps } from '../store/store';
import type { Activity } from './activity.entity';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';

const MUTABLE = [
  'subject', 'description', 'status', 'priority', 'category', 'tags', 'customFields', 'requesterEmail',
  'requesterName', 'requesterPhone', 'assigneeId', 'assigneeKey', 'escalationTier', 'escalated',
  'escalationReason', 'escalatedAt', 'resolutionText', 'resolvedById', 'resolvedAt', 'closedAt',
  'messageCount', 'noteCount', 'firstResponseAt', 'updatedAt', 'version',
  'sla', 'slaNextBreachAt', 'statusSince', 'rating', 'surveySentAt', 'lastInboundAt',
] as const satisfies readonly (keyof Ticket)[];
type Mutable = (typeof MUTABLE)[number];

type WriteEntities = Parameters<Parameters<Deps['store']['transaction']['write']>[0]>[0];
/** More items for a ticket's transaction (a channel's lookup items), committed with it or not at all. */
export type AlsoWrite = (entities: WriteEntities) => readonly unknown[];

export type ChangeOutcome =
  | { ok: true }
  | { ok: false; reason: 'ticket-changed' | 'assignee-invalid' | 'conflict' };

/**
 * Writes a ticket's next state with its activities (and a message) in one transaction,
 * guarded by the version the change was computed from. Nothing is written unless all is.
 */
export async function saveTicketChange(
  deps: Deps,
  current: Ticket,
  next: Ticket,
  activities: Activity[],
  extra: { message?: Message; assigneeToCheck?: string; alsoWrite?: AlsoWrite } = {},
): Promise<ChangeOutcome> {
  const set: Partial<Pick<Ticket, Mutable>> = {};
  const remove: Mutable[] = [];
  for (const field of MUTABLE) {
    const value = next[field];
    if (value === undefined || value === null) {
      if (current[field] !== undefined) remove.push(field);
    } else {
      (set as Record<string, unknown>)[field] = value;
    }
  }
  const key = { orgId: current.orgId, ticketId: current.ticketId };
  const { canceled, data } = await deps.store.transaction
    .write((entities) => {
      const { ticket, activity, message, user } = entities;
      return [
      ticket
        .patch(key)
        .set(set)
        .remove(remove as never[])
        .where(({ version }, { eq }) => eq(version, current.version))
        .commit(),
      ...activities.map((item) => activity.create(item).commit()),
      ...(extra.message ? [message.create(extra.message).commit()] : []),
      ...(extra.assigneeToCheck
        ? [
            user
              .check({ orgId: current.orgId, userId: extra.assigneeToCheck })
              .where(({ role, active }, { eq, ne }) => `${eq(active, true)} AND ${ne(role, 'customer')}`)
              .commit(),
          ]
        : []),
      ...((extra.alsoWrite?.(entities) ?? []) as never[]),
    ];
    })
    .go();
  if (!canceled) return { ok: true };
  const assigneeRejected = extra.assigneeToCheck && data.at(-1)?.code === 'ConditionalCheckFailed';
  if (assigneeRejected) return { ok: false, reason: 'assignee-invalid' };
  if (data[0]?.code === 'ConditionalCheckFailed') return { ok: false, reason: 'ticket-changed' };
  return { ok: false, reason: 'conflict' };
}

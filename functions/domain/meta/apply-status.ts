import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { activityOf } from '../tickets/activities';
import type { MetaChannel } from './meta-entities';
import type { MetaEvent } from './meta-event';
import { recordMeta } from './record-meta';

type StatusEvent = Extract<MetaEvent, { type: 'status' }>;

/** A status only moves forward, whatever order Meta delivers them in; failed is final. */
export const STATUS_RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, played: 3, failed: 4 };

const SYSTEM = (orgId: string, kind: string): Caller => ({ orgId, userId: `system:${kind}`, email: `${kind}@system`, name: `${kind} delivery`, role: 'agent' });

/**
 * Puts a Meta status on the outbound message it names (sent, delivered, read, failed with Meta's
 * error). A failure also records `ticket.delivery.failed` on the ticket, in the same transaction.
 * A status of a message we never sent, or of a kind we do not track, is recorded and acknowledged.
 * @returns whether a message changed.
 */
export async function applyMetaStatus(deps: Deps, channel: MetaChannel, event: StatusEvent): Promise<boolean> {
  const { orgId, channelId } = channel;
  const rank = STATUS_RANK[event.status];
  const { data: stored } = await deps.store.entities.metaMessageRef
    .get({ orgId, channelId, direction: 'out', metaMessageId: event.metaMessageId }).go({ consistent: true });
  // A status can overtake the sender's own write of the id; WhatsApp's echo of our callback data names the message anyway.
  const ref = stored ?? refFromCallback(event.callbackData);
  if (!ref || rank === undefined) {
    await recordMeta(deps, channel, { kind: ref ? 'status-untracked' : 'status-unknown-message', field: event.status, summary: JSON.stringify(event) });
    return false;
  }
  const key = { orgId, ticketId: ref.ticketId, messageId: ref.messageId };
  const error = event.errors?.[0];
  const set = { deliveryStatus: event.status, deliveryRank: rank, deliveryAt: event.at, ...(error ? { deliveryError: error } : {}) };
  if (event.status !== 'failed') {
    return deps.store.entities.message.patch(key).set(set)
      .where(({ deliveryRank }, { notExists, lt }) => `(${notExists(deliveryRank)} OR ${lt(deliveryRank, rank)})`)
      .go({ response: 'none' }).then(() => true, conditionFailed);
  }
  const { data: ticket } = await deps.store.entities.ticket.get({ orgId, ticketId: ref.ticketId }).go({ consistent: true });
  if (!ticket) return false;
  const activity = activityOf({ ...ticket, updatedAt: deps.now().toISOString() }, 'ticket.delivery.failed', SYSTEM(orgId, channel.kind), deps.newId(), {
    data: { channel: channel.kind, messageId: ref.messageId, metaMessageId: event.metaMessageId, error: error ?? null },
  });
  activity.internal = true;
  const { canceled } = await deps.store.transaction
    .write(({ message, activity: activities }) => [
      message.patch(key).set(set)
        .where(({ deliveryRank }, { notExists, lt }) => `(${notExists(deliveryRank)} OR ${lt(deliveryRank, rank)})`).commit(),
      activities.create(activity).commit(),
    ])
    .go();
  return !canceled;
}

function refFromCallback(data: string | undefined): { ticketId: string; messageId: string } | undefined {
  const match = /^([0-9A-Z]{26}):([0-9A-Z]{26})$/.exec(data ?? '');
  return match ? { ticketId: match[1], messageId: match[2] } : undefined;
}

function conditionFailed(error: unknown): false {
  const text = String((error as Error)?.message ?? error);
  if (/conditional/i.test(text)) return false;
  throw error;
}

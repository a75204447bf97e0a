import type { MailRef } from './mail-entities';
import type { Deps } from '../store/store';

/** Remembers a Message-ID of the ticket's thread (received or sent), for threading and References. */
export async function recordMailRef(
  deps: Deps,
  ref: { orgId: string; ticketId: string; messageId: string; direction: 'in' | 'out'; to?: string; mailbox?: string },
): Promise<void> {
  await deps.store.entities.mailRef.put({ ...ref, createdAt: deps.now().toISOString() }).go();
}

/** The ticket a Message-ID belongs to, if the system received or sent it. */
export async function ticketOfMessageId(deps: Deps, orgId: string, messageId: string) {
  const { data } = await deps.store.entities.mailRef.get({ orgId, messageId }).go();
  return data ?? undefined;
}

/** The ticket's mail refs, oldest first (at most the last 20, as References should stay short). */
export async function threadMailRefs(deps: Deps, orgId: string, ticketId: string): Promise<MailRef[]> {
  const { data: keys } = await deps.store.entities.mailRef.query.byTicket({ orgId, ticketId }).go({ order: 'desc', limit: 20 });
  if (keys.length === 0) return [];
  // The index carries the ids only (functions/manifest/table.ts): one BatchGetItem reads the refs.
  const { data } = await deps.store.entities.mailRef.get(keys.map(({ messageId }) => ({ orgId, messageId }))).go({ preserveBatchOrder: true });
  return (data.filter(Boolean) as MailRef[]).reverse();
}

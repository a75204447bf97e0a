import { downloadPathOf } from '../attachments/object-keys';
import type { Deps } from '../store/store';
import type { Message } from '../tickets/message.entity';
import { downloadableAttachments } from '../tickets/message-event';

/** DynamoDB's TransactWriteItems limit: one page of copies is one transaction. */
export const COPY_PAGE_ITEMS = 100;

export interface CopyTally {
  /** Public messages copied (the target's messageCount grows by these). */
  public: number;
  /** Internal notes copied. */
  internal: number;
  /** The newest public message's time, if any. */
  lastPublicAt?: string;
}

/**
 * The copy of a message under another ticket: same id (ULIDs sort the thread by time, and a
 * repeated copy lands on the same item), author, time, channel, body and files; HTML whose
 * inline images pointed at the first ticket's download route points at the new one.
 */
export function copyOf(message: Message, target: string): Message {
  const from = message.ticketId;
  const html = message.html?.split(downloadPathOf(from, '')).join(downloadPathOf(target, ''));
  return {
    ...message,
    ticketId: target,
    copiedFromTicketId: message.copiedFromTicketId ?? from,
    ...(html !== undefined ? { html } : {}),
  };
}

/** Adds one message to a tally. */
export function tally(into: CopyTally, message: Message): CopyTally {
  if (message.internal) into.internal++;
  else {
    into.public++;
    if (!into.lastPublicAt || message.createdAt > into.lastPublicAt) into.lastPublicAt = message.createdAt;
  }
  return into;
}

/**
 * Writes copies of `messages` under ticket `target`, with each copied file shared with the target
 * (so it downloads from there), in transactions of at most 100 items (all or nothing each). Puts
 * and set-adds, not creates: a retry after a failure lands on the same items, so running it again
 * completes the copy rather than doubling it.
 */
export async function writeCopies(deps: Deps, messages: readonly Message[], target: string): Promise<void> {
  let page: { message: Message; files: string[] }[] = [];
  let items = 0;
  const flush = async () => {
    if (!page.length) return;
    const batch = page;
    page = [];
    items = 0;
    const { canceled } = await deps.store.transaction.write(({ message, attachment }) => batch.flatMap(({ message: copy, files }) => [
      message.put(copy).commit(),
      ...files.map((attachmentId) => attachment.patch({ orgId: copy.orgId, attachmentId }).add({ sharedWith: [target] }).commit()),
    ])).go();
    if (!canceled) return;
    // A file record that is gone (the patch's existence condition failed): the messages still go over, without it.
    const retried = await deps.store.transaction.write(({ message }) => batch.map(({ message: copy }) => message.put(copy).commit())).go();
    if (retried.canceled) throw new Error(`copying ${batch.length} messages to ticket ${target} was refused`);
  };
  for (const original of messages) {
    const files = [...new Set(downloadableAttachments(original).map((a) => a.id))];
    if (items + 1 + files.length > COPY_PAGE_ITEMS) await flush();
    page.push({ message: copyOf(original, target), files });
    items += 1 + files.length;
  }
  await flush();
}

/**
 * Copies a ticket's whole thread onto `target`, page by page (a Query of 100, a transaction of
 * 100): memory and each write stay bounded however long the thread. Messages that are copies
 * of the target's own (a ticket split from it) are left out: the target has them already.
 */
export async function copyThread(deps: Deps, orgId: string, sourceId: string, target: string): Promise<CopyTally> {
  const counted: CopyTally = { public: 0, internal: 0 };
  let cursor: string | null = null;
  do {
    const page: { data: Message[]; cursor: string | null } = await deps.store.entities.message.query
      .byTicket({ orgId, ticketId: sourceId })
      .go({ cursor, limit: COPY_PAGE_ITEMS, consistent: true });
    const wanted = page.data.filter((m) => m.copiedFromTicketId !== target);
    await writeCopies(deps, wanted, target);
    for (const m of wanted) tally(counted, m);
    cursor = page.cursor;
  } while (cursor);
  return counted;
}

import type { SplitTicketBody } from '../../../schemas/relations';
import type { Caller } from '../caller';
import { RuleViolationError, VersionConflictError } from '../errors';
import { stableUlid } from '../stable-id';
import type { Deps } from '../store/store';
import { assertStaff } from '../tickets/access';
import { activityOf } from '../tickets/activities';
import { createTicket } from '../tickets/create-ticket';
import { loadTicket } from '../tickets/load-ticket';
import type { Message } from '../tickets/message.entity';
import type { Ticket } from '../tickets/ticket.entity';
import { type CopyTally, tally, writeCopies } from './copy-messages';
import { linksOf, withLink } from './links-of';
import { saveTicketChanges } from './ticket-pair-writes';

const ATTEMPTS = 4;
/** Channels whose tickets answer through their own contact (WhatsApp/Instagram): a split-off ticket is answered by mail. */
const CONTACT_CHANNELS = new Set(['whatsapp', 'instagram']);

export interface SplitOutcome {
  source: Ticket;
  ticket: Ticket;
  copiedMessages: number;
}

/**
 * Splits messages off a ticket into a new one (staff). The messages are COPIED: the source keeps
 * its whole thread (its history, mail threading and files stay as they were), and the new ticket
 * starts with copies carrying the original authors, times and files. The new ticket takes the
 * source's requester, priority, category, type, department, tags, custom fields and assignee;
 * its description is the first public message chosen. The two are linked both ways (the new one
 * is a child of the source) in one transaction with a `ticket.split` activity on each.
 *
 * Retry-safe: the new ticket's id is derived from the source and the chosen messages, the copies
 * are idempotent, and the linking step is the last; running the same split again finishes it or
 * returns the ticket it made.
 * @throws NotFoundError (ticket), ForbiddenError (customers), RuleViolationError (a message not on
 *   this ticket: `#/messageIds/<i>`; source already merged), VersionConflictError
 */
export async function splitTicket(deps: Deps, caller: Caller, sourceId: string, input: SplitTicketBody): Promise<SplitOutcome> {
  assertStaff(caller, 'split tickets');
  const first = await loadTicket(deps, caller, sourceId);
  if (first.mergedIntoId) throw new RuleViolationError(`ticket ${first.number} was merged into ${first.mergedIntoNumber}; split from that one`);
  const messages = await chosenMessages(deps, first, input.messageIds);
  const earliest = messages[0];
  const ticketId = stableUlid(`split\u0000${first.orgId}\u0000${first.ticketId}\u0000${[...input.messageIds].sort().join(',')}`, new Date(earliest.createdAt));
  const opener = messages.find((m) => !m.internal);
  const ticket = await createTicket(deps, caller, {
    subject: input.subject ?? `Split from ${first.number}: ${first.subject}`.slice(0, 250),
    description: (opener?.body.trim() || `Split from ${first.number}`).slice(0, 50_000),
    priority: first.priority,
    category: first.category,
    type: first.type,
    departmentId: first.departmentId,
    tags: first.tags,
    customFields: first.customFields as Record<string, never>,
    requester: { email: first.requesterEmail, name: first.requesterName, phone: first.requesterPhone },
    assigneeId: first.assigneeId,
  }, CONTACT_CHANNELS.has(first.channel) ? 'api' : first.channel, { ticketId });

  const copies = messages.filter((m) => m.copiedFromTicketId !== ticket.ticketId);
  await writeCopies(deps, copies, ticket.ticketId);
  const copied = copies.reduce<CopyTally>(tally, { public: 0, internal: 0 });

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [source, created] = await Promise.all([
      loadTicket(deps, caller, sourceId),
      deps.store.entities.ticket.get({ orgId: caller.orgId, ticketId }).go({ consistent: true }).then((r) => r.data!),
    ]);
    // Linked already: an earlier run of this split finished.
    if (linksOf(source).some((l) => l.ticketId === ticketId)) return { source, ticket: created, copiedMessages: copied.public + copied.internal };
    const at = deps.now().toISOString();
    const sourceLinks = withLink(source, created, 'child', at);
    const newLinks = withLink(created, source, 'parent', at);
    if (sourceLinks === 'full') throw new RuleViolationError(`ticket ${source.number} has the most links a ticket may have; unlink one first`);
    const sourceNext: Ticket = { ...source, links: sourceLinks ?? source.links, version: source.version + 1, updatedAt: at };
    const createdNext: Ticket = {
      ...created,
      links: Array.isArray(newLinks) ? newLinks : created.links,
      messageCount: copied.public,
      noteCount: copied.internal,
      lastMessageAt: copied.lastPublicAt ?? created.lastMessageAt,
      version: created.version + 1,
      updatedAt: at,
    };
    const data = {
      sourceTicketId: source.ticketId, sourceNumber: source.number, newTicketId: created.ticketId, newNumber: created.number,
      messageIds: messages.map((m) => m.messageId),
    };
    const outcome = await saveTicketChanges(deps, [
      { current: source, next: sourceNext, activities: [activityOf(sourceNext, 'ticket.split', caller, deps.newId(), { data: { role: 'source', ...data } })] },
      { current: created, next: createdNext, activities: [activityOf(createdNext, 'ticket.split', caller, deps.newId(), { data: { role: 'new', ...data } })] },
    ]);
    if (outcome.ok) return { source: sourceNext, ticket: createdNext, copiedMessages: copied.public + copied.internal };
  }
  throw new VersionConflictError(sourceId);
}

/** The chosen messages of the ticket, oldest first (one BatchGet). @throws RuleViolationError naming each missing one */
async function chosenMessages(deps: Deps, ticket: Ticket, ids: readonly string[]): Promise<Message[]> {
  const { data } = await deps.store.entities.message
    .get(ids.map((messageId) => ({ orgId: ticket.orgId, ticketId: ticket.ticketId, messageId })))
    .go({ consistent: true });
  const found = new Map(data.map((m) => [m.messageId, m]));
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  if (missing.length) {
    const error = new RuleViolationError(`message(s) ${missing.map((m) => m.id).join(', ')} are not on ticket ${ticket.number}`);
    error.extensions = { errors: missing.map(({ id, i }) => ({ pointer: `#/messageIds/${i}`, detail: `no message ${id} on this ticket` })) };
    throw error;
  }
  return [...found.values()].sort((a, b) => a.messageId.localeCompare(b.messageId));
}

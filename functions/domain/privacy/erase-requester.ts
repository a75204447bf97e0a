import type { ErasureResult } from '../../../schemas/analytics';
import { isStaffRole } from '../../../schemas/roles';
import type { Caller } from '../caller';
import { DomainError, ForbiddenError, VersionConflictError } from '../errors';
import type { AttachmentStore } from '../ports/attachment-store';
import type { ObjectStore } from '../ports/object-store';
import type { Deps } from '../store/store';
import { snapshotOf } from '../tickets/activities';
import { normaliseEmail } from '../tickets/access';
import type { Activity } from '../tickets/activity.entity';
import type { Message } from '../tickets/message.entity';
import type { Ticket } from '../tickets/ticket.entity';
import { eventFromActivity } from '../events/event-from-activity';
import { payloadOf } from '../webhooks/deliveries';
import { deliveryIdOf } from '../webhooks/delivery-id';
import { requesterTicketPages } from './privacy-bundle';

/** The organization keeps its data as it is while a legal hold is on (`settings.legalHold`). */
export class LegalHoldError extends DomainError {
  readonly code = 'legal-hold';
  readonly title = 'Legal Hold';
  constructor() {
    super('a legal hold is on for this organization: personal data cannot be erased until it is lifted');
  }
}

export const ERASED_TEXT = '[erased]';
export const ERASED_NAME = 'Erased requester';
/** The activity type of an erasure: audit only, never an event on the bus (it names no personal data either). */
export const ERASURE_ACTIVITY = 'privacy.erased';

interface Counts {
  tickets: number;
  messages: number;
  attachments: number;
  rawMails: number;
  mailParticipants: number;
  mailOptOuts: number;
  metaContacts: number;
  webhookDeliveries: number;
}

/** What identifies the requester in stored text: their address, name and phone as the ticket had them. */
interface Identity {
  address: string;
  name?: string;
  phone?: string;
  placeholder: string;
}

/** Every string in `value` with the requester's address, name and phone replaced. Pure. */
function scrubStrings(value: unknown, who: Identity): unknown {
  if (typeof value === 'string') {
    let out = value.replace(new RegExp(who.address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), who.placeholder);
    if (who.name && who.name.length >= 3) out = out.split(who.name).join(ERASED_NAME);
    if (who.phone && who.phone.length >= 5) out = out.split(who.phone).join(ERASED_TEXT);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, who));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v, who)]));
  return value;
}

/**
 * The stored webhook deliveries of the ticket's events (one per endpoint and event, at the id
 * `deliveryIdOf` derives: no Scan, a BatchGet per event) get their payload rebuilt from the
 * scrubbed activity, so a replay sends nothing of the requester. @returns how many were rewritten.
 */
async function scrubWebhookDeliveries(deps: Deps, orgId: string, activities: Activity[], webhookIds: string[], who: Identity): Promise<number> {
  if (webhookIds.length === 0) return 0;
  let rewritten = 0;
  for (const activity of activities) {
    const keys = webhookIds.map((webhookId) => ({ orgId, webhookId, deliveryId: deliveryIdOf(activity.activityId, webhookId, new Date(activity.createdAt)) }));
    const { data: found } = await deps.store.entities.webhookDelivery.get(keys).go();
    const deliveries = found.filter((d): d is NonNullable<typeof d> => Boolean(d));
    if (deliveries.length === 0) continue;
    const event = eventFromActivity(activity);
    const payload = JSON.stringify(scrubStrings(event ? payloadOf(event) : JSON.parse(deliveries[0]!.payload), who));
    for (const delivery of deliveries) {
      await deps.store.entities.webhookDelivery.patch({ orgId, webhookId: delivery.webhookId, deliveryId: delivery.deliveryId }).set({ payload }).go();
      rewritten++;
    }
  }
  return rewritten;
}

type MessageEventData = { message?: { body?: string; authorName?: string; attachments?: unknown[] } } & Record<string, unknown>;

/** Scrubs a message event's copy of the body (activities keep what the event carried). Pure. */
function scrubbedData(activity: Activity, erased: Set<string>): MessageEventData | undefined {
  const data = activity.data as MessageEventData | undefined;
  const messageId = (data as { messageId?: string } | undefined)?.messageId;
  if (!data?.message || !messageId || !erased.has(messageId)) return undefined;
  return { ...data, message: { ...data.message, body: ERASED_TEXT, authorName: ERASED_NAME, attachments: [] } };
}

async function eraseTicket(
  deps: Deps, ports: { attachments: AttachmentStore; objects: ObjectStore }, caller: Caller, ticket: Ticket, placeholder: string, counts: Counts,
  webhookIds: string[],
) {
  const key = { orgId: ticket.orgId, ticketId: ticket.ticketId };
  const { data } = await deps.store.collections.thread(key).go({ pages: 'all' });
  // Their messages, and the opening message (the description's copy: a chat transcript or web
  // form text, even when staff or an assistant opened the ticket for them).
  const theirs = (data.message as Message[]).filter((m) => !isStaffRole(m.authorRole) || (!m.internal && m.createdAt === ticket.createdAt));
  const erased = new Set(theirs.map((m) => m.messageId));
  let attachments = 0;
  let rawMails = 0;
  // Files first, then the items that name them, the ticket last: a failure part way is resumed
  // by calling again, since the ticket stays in the requester index until its own write.
  for (const message of theirs) {
    for (const file of (message.attachments ?? []) as { id: string }[]) {
      const { data: item } = await deps.store.entities.attachment.get({ orgId: ticket.orgId, attachmentId: file.id }).go();
      if (item) {
        await ports.attachments.remove(item.objectKey);
        await deps.store.entities.attachment.delete({ orgId: ticket.orgId, attachmentId: file.id }).go();
      }
      attachments++;
    }
    if (message.rawObjectKey) {
      await ports.objects.remove(message.rawObjectKey);
      rawMails++;
    }
    await deps.store.entities.message.patch({ ...key, messageId: message.messageId })
      .set({ body: ERASED_TEXT, authorName: ERASED_NAME })
      .remove(['html', 'rawObjectKey', 'attachments', 'rejectedAttachments', 'metaDetails'])
      .go();
  }
  const who: Identity = { address: ticket.requesterEmail, name: ticket.requesterName, phone: ticket.requesterPhone, placeholder };
  const scrubbedActivities: Activity[] = [];
  for (const activity of data.activity as Activity[]) {
    const snapshot = { ...(activity.snapshot as Record<string, unknown>), requesterEmail: placeholder };
    const scrubbed = scrubbedData(activity, erased);
    const actorName = !isStaffRole(activity.actorRole) ? ERASED_NAME : activity.actorName;
    await deps.store.entities.activity.patch({ ...key, activityId: activity.activityId })
      .set({ snapshot, ...(scrubbed ? { data: scrubbed } : {}), ...(!isStaffRole(activity.actorRole) ? { actorName: ERASED_NAME } : {}) })
      .go();
    scrubbedActivities.push({ ...activity, snapshot, data: scrubbed ?? activity.data, ...(actorName ? { actorName } : {}) } as Activity);
  }
  const webhookDeliveries = await scrubWebhookDeliveries(deps, ticket.orgId, scrubbedActivities, webhookIds, who);
  const { data: participant } = await deps.store.entities.mailParticipant.get({ ...key, address: ticket.requesterEmail }).go();
  const metaKey = ticket.metaChannelId && ticket.metaContactId
    ? { orgId: ticket.orgId, channelId: ticket.metaChannelId, contactId: ticket.metaContactId } : undefined;
  const { data: contact } = metaKey ? await deps.store.entities.metaContact.get(metaKey).go() : { data: null };
  const at = deps.now().toISOString();
  for (let attempt = 0; attempt < 5; attempt++) {
    const { data: current } = await deps.store.entities.ticket.get(key).go({ consistent: true });
    if (!current || current.requesterErasedAt) return;
    const next: Ticket = {
      ...current, requesterEmail: placeholder, requesterName: undefined, requesterPhone: undefined, description: ERASED_TEXT,
      requesterErasedAt: at, version: current.version + 1, updatedAt: at,
    };
    const audit: Activity = {
      ...key, activityId: deps.newId(), type: ERASURE_ACTIVITY, actorId: caller.userId, actorRole: caller.role, actorName: caller.name,
      internal: true, ticketVersion: next.version, snapshot: snapshotOf(next), createdAt: at,
      data: { erased: ['requesterName', 'requesterEmail', 'requesterPhone', 'description', 'messageBodies', 'attachments', 'rawMails',
        'mailParticipant', 'metaContact', 'webhookPayloads'], messages: theirs.length, attachments, rawMails, webhookDeliveries },
    };
    const { canceled } = await deps.store.transaction
      .write(({ ticket: tickets, activity, trackingMail, mailParticipant, metaContact }) => [
        tickets.patch(key)
          .set({ requesterEmail: placeholder, description: ERASED_TEXT, requesterErasedAt: at, version: next.version, updatedAt: at })
          .remove(['requesterName', 'requesterPhone'])
          .where((attr, op) => op.eq(attr.version, current.version))
          .commit(),
        activity.create(audit).commit(),
        // The clear tracking link still owed to the requester's mailbox goes too.
        trackingMail.delete(key).commit(),
        // Their address as a mail participant of the ticket, and the WhatsApp/Instagram contact
        // record that sends their next message to this ticket (a new one opens instead).
        ...(participant ? [mailParticipant.delete({ ...key, address: ticket.requesterEmail }).commit()] : []),
        ...(metaKey && contact ? [metaContact.delete(metaKey).commit()] : []),
      ])
      .go();
    if (!canceled) {
      counts.tickets++;
      counts.messages += theirs.length;
      counts.attachments += attachments;
      counts.rawMails += rawMails;
      counts.mailParticipants += participant ? 1 : 0;
      counts.metaContacts += contact ? 1 : 0;
      counts.webhookDeliveries += webhookDeliveries;
      return;
    }
  }
  throw new VersionConflictError(ticket.ticketId);
}

/**
 * Erases a requester's personal data (GDPR erasure): on each of their tickets (found through the
 * requester index, never a Scan) the name, email and phone and the description are replaced, the
 * bodies of their messages (and the events' copies) replaced, their attachments and raw mails
 * deleted from the object stores, and their tracking links revoked. Tickets stay, with their
 * statuses and times, for statistics; an internal activity records who erased what and when.
 * Idempotent: erased tickets leave the requester index, so a second call finds nothing to do.
 * @throws ForbiddenError (not an admin), LegalHoldError (the organization's legal hold is on),
 *   VersionConflictError (a ticket stayed contended).
 */
export async function eraseRequester(
  deps: Deps, ports: { attachments: AttachmentStore; objects: ObjectStore }, caller: Caller, email: string,
): Promise<ErasureResult> {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins erase a requester\'s data');
  const { data: org } = await deps.store.entities.organization.get({ orgId: caller.orgId }).go({ consistent: true });
  if ((org?.settings as { legalHold?: boolean } | undefined)?.legalHold === true) throw new LegalHoldError();
  const address = normaliseEmail(email);
  const placeholder = `erased-${deps.newId().toLowerCase()}@erased.invalid`;
  const counts: Counts = { tickets: 0, messages: 0, attachments: 0, rawMails: 0, mailParticipants: 0, mailOptOuts: 0, metaContacts: 0, webhookDeliveries: 0 };
  // The organization's webhook endpoints (a handful): their deliveries of the tickets' events are found by id.
  const { data: endpoints } = await deps.store.entities.webhookEndpoint.query.byOrg({ orgId: caller.orgId }).go({ pages: 'all' });
  const webhookIds = endpoints.map((e) => e.webhookId);
  // Erased tickets leave the index, so the first page is read again until none is left.
  for (let round = 0; round < 10_000; round++) {
    const pages = requesterTicketPages(deps, caller.orgId, address);
    const { value: page } = await pages.next();
    await pages.return(undefined);
    const open = ((page ?? []) as Ticket[]).filter((t) => !t.requesterErasedAt);
    if (open.length === 0) break;
    for (const ticket of open) await eraseTicket(deps, ports, caller, ticket, placeholder, counts, webhookIds);
  }
  // Their mail opt-out (surveys): erased with the rest; their tickets no longer carry the address, so nothing mails it.
  const optOut = { orgId: caller.orgId, email: address, topic: 'surveys' as const };
  const { data: optedOut } = await deps.store.entities.mailOptOut.get(optOut).go();
  if (optedOut) {
    await deps.store.entities.mailOptOut.delete(optOut).go();
    counts.mailOptOuts++;
  }
  return { ...counts, erasedAt: deps.now().toISOString() };
}

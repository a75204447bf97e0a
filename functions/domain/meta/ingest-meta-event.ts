import type { Caller } from '../caller';
import { RuleViolationError } from '../errors';
import type { GraphApi, MetaChannelKind } from '../ports/graph-api';
import type { AttachmentStore } from '../ports/attachment-store';
import type { SecretBox } from '../ports/secret-box';
import { stableUlid } from '../stable-id';
import type { Deps } from '../store/store';
import { addMessage } from '../tickets/add-message';
import { createTicket } from '../tickets/create-ticket';
import type { Ticket } from '../tickets/ticket.entity';
import { isTerminalStatus as isTerminal } from '../status-groups';
import type { AlsoItems } from '../tickets/ticket-writes';
import { applyMetaStatus } from './apply-status';
import { openSecret } from './channel-secrets';
import { fetchMedia } from './fetch-media';
import { ignoredBecause } from './ignored-fields';
import type { MetaChannel } from './meta-entities';
import type { MetaEvent, MetaQueueItem } from './meta-event';
import { recordMeta } from './record-meta';
import { followMerges } from '../relations/follow-merges';

type MessageEvent = Extract<MetaEvent, { type: 'message' }>;

export type IngestOutcome =
  | { kind: 'created' | 'appended'; ticketId: string; messageId: string }
  | { kind: 'duplicate'; ticketId: string; messageId: string }
  | { kind: 'status'; applied: boolean }
  | { kind: 'recorded'; why: string };

export interface IngestPorts {
  secrets: SecretBox;
  graph: GraphApi;
  attachments: Pick<AttachmentStore, 'put'>;
}

const LABEL: Record<MetaChannelKind, string> = { whatsapp: 'WhatsApp', instagram: 'Instagram' };

/** The requester address of a messaging contact: tickets are keyed by one, and `.invalid` never receives mail. */
export const contactAddress = (kind: MetaChannelKind, contactId: string) =>
  `${kind === 'whatsapp' ? 'wa' : 'ig'}.${contactId.toLowerCase().replace(/[^a-z0-9._-]/g, '_')}@${kind}.invalid`;

/**
 * Takes one queued Meta event to its effect: a customer message onto the contact's open ticket
 * (or a new one), a status onto the outbound message it names, anything else recorded under the
 * channel. Delivered twice, a message has one effect: its Meta id is taken in its own transaction.
 * @throws only when the store, the object store or the secret box fails: the queue retries it.
 */
export async function ingestMetaEvent(deps: Deps, ports: IngestPorts, item: MetaQueueItem): Promise<IngestOutcome> {
  const { data: channel } = await deps.store.entities.metaChannel.get({ orgId: item.orgId, channelId: item.channelId }).go();
  const { event } = item;
  if (!channel) {
    await recordMeta(deps, { kind: event.kind, externalId: event.externalId ?? 'none' }, { kind: 'channel-removed', summary: JSON.stringify(event) });
    return { kind: 'recorded', why: 'the channel was removed' };
  }
  if (event.type === 'status') {
    const applied = await applyMetaStatus(deps, channel, event);
    return { kind: 'status', applied };
  }
  if (event.type === 'other') {
    await recordMeta(deps, channel, { kind: 'event', field: event.field, summary: `${ignoredBecause(event.field)}: ${event.summary}` });
    return { kind: 'recorded', why: `${event.field} is not a customer message` };
  }
  return ingestMessage(deps, ports, channel, event);
}

async function ingestMessage(deps: Deps, ports: IngestPorts, channel: MetaChannel, event: MessageEvent): Promise<IngestOutcome> {
  const { orgId, channelId } = channel;
  const { data: seen } = await deps.store.entities.metaMessageRef
    .get({ orgId, channelId, direction: 'in', metaMessageId: event.metaMessageId }).go({ consistent: true });
  if (seen) return { kind: 'duplicate', ticketId: seen.ticketId, messageId: seen.messageId };

  const contactId = event.contact.id;
  const { data: contact } = await deps.store.entities.metaContact.get({ orgId, channelId, contactId }).go({ consistent: true });
  const last = contact && (await deps.store.entities.ticket.get({ orgId, ticketId: contact.ticketId }).go({ consistent: true })).data;
  // A contact whose ticket was merged writes on in the ticket it was merged into.
  const previous = last ? await followMerges(deps, last) : undefined;
  const open = previous && continues(previous, channel) ? previous : undefined;

  const at = new Date(event.at);
  const messageId = stableUlid(`meta\u0000${channelId}\u0000${event.metaMessageId}`, at);
  const ticketId = open?.ticketId ?? stableUlid(`meta-ticket\u0000${channelId}\u0000${event.metaMessageId}`, at);
  const needsProfile = !open && channel.kind === 'instagram' && !event.contact.username;
  const accessToken = event.media.length || needsProfile ? await openSecret(ports.secrets, orgId, channelId, 'accessToken', channel.accessToken) : '';
  const { attachments, rejected } = await fetchMedia(deps, ports, { orgId, ticketId, messageId, accessToken, at }, event.media);
  // Instagram webhooks carry only the scoped id: the username comes from the Graph API, once per ticket, best effort.
  const profile = needsProfile ? await ports.graph.profile(accessToken, contactId).catch(() => undefined) : undefined;
  const username = event.contact.username ?? profile?.username;

  const email = contactAddress(channel.kind, contactId);
  const name = event.contact.name ?? profile?.name ?? (username ? `@${username}` : undefined);
  const caller: Caller = { orgId, userId: `${channel.kind}:${contactId}`, email, name, role: 'customer' };
  const body = (event.text.trim() || `(${event.messageType})`).slice(0, 100_000);
  const metaDetails = { ...event.details, ...(event.unsupported ? { unsupported: event.unsupported } : {}), ...(username ? { username } : {}), ...(rejected.length ? { rejectedMedia: rejected } : {}) };
  const source = {
    messageId, createdAt: event.at, metaMessageId: event.metaMessageId, metaType: event.messageType,
    metaDetails: Object.keys(metaDetails).length ? metaDetails : undefined, attachments: attachments.length ? attachments : undefined,
  };
  const lastInboundAt = (ticket?: Ticket) => (ticket?.lastInboundAt && ticket.lastInboundAt > event.at ? ticket.lastInboundAt : event.at);
  const alsoWrite = (ticketForContact: string, lastAt: string): AlsoItems => ({ metaMessageRef, metaContact }) => [
    metaMessageRef.create({ orgId, channelId, direction: 'in', metaMessageId: event.metaMessageId, ticketId: ticketForContact, messageId, createdAt: deps.now().toISOString() }).commit(),
    metaContact.put({ orgId, channelId, contactId, ticketId: ticketForContact, lastInboundAt: lastAt, updatedAt: deps.now().toISOString() }).commit(),
  ];

  if (open) {
    try {
      const lastAt = lastInboundAt(open);
      // On a ticket this contact's was merged into, they write as a customer of it (authorId keeps who).
      const writer = open.requesterEmail === email ? caller : { ...caller, email: open.requesterEmail };
      await addMessage(deps, writer, open.ticketId, { body, internal: false }, channel.kind, source, {}, {
        ticketChanges: { lastInboundAt: lastAt }, also: alsoWrite(open.ticketId, lastAt),
      });
      return { kind: 'appended', ticketId: open.ticketId, messageId };
    } catch (error) {
      // Closed between our read and the write: the message opens a new ticket instead.
      if (!(error instanceof RuleViolationError)) throw error;
    }
  }
  const newTicketId = open ? stableUlid(`meta-ticket\u0000${channelId}\u0000${event.metaMessageId}`, at) : ticketId;
  const who = name ?? event.contact.phone ?? contactId;
  await createTicket(deps, caller, {
    subject: `${LABEL[channel.kind]} message from ${who}`.slice(0, 250),
    description: body.slice(0, 50_000),
    priority: 'medium',
    tags: [channel.kind],
    customFields: {},
    requester: { email, name, phone: event.contact.phone },
  }, channel.kind, {
    ticketId: newTicketId,
    firstMessage: { body, ...source },
    fields: { metaChannelId: channelId, metaContactId: contactId, lastInboundAt: event.at },
    also: alsoWrite(newTicketId, event.at),
  });
  return { kind: 'created', ticketId: newTicketId, messageId };
}

/** Whether a new message belongs on the contact's last ticket: while it is open, or resolved when the channel reopens. */
function continues(ticket: Ticket, channel: MetaChannel): boolean {
  if (isTerminal(ticket.status)) return false;
  if (ticket.status === 'resolved') return channel.afterResolved === 'reopen';
  return true;
}

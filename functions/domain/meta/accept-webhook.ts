import { createHash } from 'node:crypto';
import type { MetaChannelKind } from '../ports/graph-api';
import type { QueueSender } from '../ports/queue-sender';
import type { SecretBox } from '../ports/secret-box';
import type { Deps } from '../store/store';
import { openSecret } from './channel-secrets';
import type { MetaEvent, MetaQueueItem } from './meta-event';
import { parseInstagram } from './parse-instagram';
import { parseWhatsApp } from './parse-whatsapp';
import { type Json, excerpt, nestedDeeperThan, obj } from './read-json';
import { recordMeta } from './record-meta';
import { isSignatureShaped, verifyMetaSignature } from './signature';
import { META_ID_PATTERN } from './meta-id';

export const META_INBOUND_QUEUE = 'meta-inbound';
/** Meta's webhook bodies nest about ten levels; far deeper is no Meta body. */
const MAX_NESTING = 64;

/** What Meta gets back: 401 and 400 store nothing; 200 means recorded or queued. */
export type WebhookVerdict =
  | { status: 401; reason: string }
  | { status: 400; reason: string }
  | { status: 200; queued: number; unrouted: number };

const OBJECTS: Record<MetaChannelKind, readonly string[]> = {
  whatsapp: ['whatsapp_business_account'],
  instagram: ['instagram', 'page'],
};

/**
 * A Meta webhook POST, on the request path: checks `X-Hub-Signature-256` over the raw bytes with
 * the app secret of every configured channel the body names, then puts one queue item per event
 * on the FIFO queue (group = channel + contact, so one contact's messages keep their order;
 * deduplication id = Meta's id). Events for ids no channel has are recorded, and still 200, so
 * Meta does not retry them for days.
 */
export async function acceptWebhook(
  deps: Deps,
  ports: { secrets: SecretBox; queues: QueueSender },
  input: { kind: MetaChannelKind; rawBody: Buffer; signature: string | undefined },
): Promise<WebhookVerdict> {
  if (!isSignatureShaped(input.signature)) return { status: 401, reason: 'X-Hub-Signature-256 is missing or not sha256=<64 hex digits>' };
  let body: Json | undefined;
  try {
    body = obj(JSON.parse(input.rawBody.toString('utf8')));
  } catch (error) {
    return { status: 400, reason: `the body is not JSON: ${(error as Error).message}` };
  }
  if (!body || !Array.isArray(body.entry)) return { status: 400, reason: 'the body is not a Meta webhook (no entry array)' };
  // 100,000 nested arrays parse, then overflow the stack of the excerpt's JSON.stringify: a 500.
  if (nestedDeeperThan(body, MAX_NESTING)) return { status: 400, reason: `the body nests deeper than ${MAX_NESTING} levels, as no Meta webhook does` };
  if (typeof body.object === 'string' && !OBJECTS[input.kind].includes(body.object)) {
    return { status: 400, reason: `object "${body.object}" is not a ${input.kind} webhook` };
  }
  const receivedAt = deps.now();
  const events = input.kind === 'whatsapp' ? parseWhatsApp(body, receivedAt) : parseInstagram(body, receivedAt);
  // Every id below becomes part of a key (the channel lookup, the unrouted record): one no channel
  // could be connected with (a 3,000-digit id) is no Meta body, and would fail DynamoDB's key size as a 500.
  const foreign = events.map(keyIdOf).find((id) => id !== undefined && !META_ID_PATTERN.test(id));
  if (foreign !== undefined) return { status: 400, reason: `the body names an id no Meta account has (${foreign.slice(0, 40)}…)` };

  const ids = [...new Set(events.map((e) => e.externalId).filter((id): id is string => !!id))];
  const keys = await Promise.all(ids.map(async (externalId) => {
    const { data } = await deps.store.entities.metaChannelKey.get({ kind: input.kind, externalId }).go();
    return [externalId, data] as const;
  }));
  const channels = new Map(keys.filter(([, key]) => key).map(([id, key]) => [id, key!]));
  for (const key of channels.values()) {
    const secret = await openSecret(ports.secrets, key.orgId, key.channelId, 'appSecret', key.appSecret);
    if (!verifyMetaSignature(input.rawBody, input.signature, secret)) {
      return { status: 401, reason: 'X-Hub-Signature-256 does not match the body for the channel it names' };
    }
  }

  const unroutedIds = new Set<string>();
  const groups = new Map<string, { item: MetaQueueItem; dedupe: string }[]>();
  for (const event of events) {
    const key = event.externalId ? channels.get(event.externalId) : undefined;
    if (!key) {
      unroutedIds.add(keyIdOf(event) ?? 'none');
      continue;
    }
    const item: MetaQueueItem = { orgId: key.orgId, channelId: key.channelId, receivedAt: receivedAt.toISOString(), event };
    const group = groupOf(key.channelId, event);
    groups.set(group, [...(groups.get(group) ?? []), { item, dedupe: dedupeOf(key.channelId, event) }]);
  }
  // One contact's items go in order; different contacts in parallel.
  await Promise.all([...groups].map(async ([groupId, items]) => {
    for (const { item, dedupe } of items) {
      await ports.queues.send(META_INBOUND_QUEUE, JSON.stringify(item), { groupId, deduplicationId: dedupe });
    }
  }));
  for (const externalId of unroutedIds) {
    await recordMeta(deps, { kind: input.kind, externalId }, { kind: 'unrouted', summary: excerpt(body) });
  }
  if (events.length === 0) {
    await recordMeta(deps, { kind: input.kind, externalId: 'empty' }, { kind: 'empty', summary: excerpt(body) });
  }
  return { status: 200, queued: [...groups.values()].reduce((n, items) => n + items.length, 0), unrouted: unroutedIds.size };
}

/** The Meta id an event is looked up and recorded under. */
function keyIdOf(event: MetaEvent): string | undefined {
  return event.externalId ?? (event.type === 'other' ? event.entryId : undefined);
}

/** SQS group ids allow 128 characters of a limited alphabet: a contact id is hashed when it would not fit. */
function groupOf(channelId: string, event: MetaEvent): string {
  const contact = event.type === 'message' ? event.contact.id : event.type === 'status' ? event.recipientId ?? 'statuses' : event.contactId ?? 'account';
  const plain = `${channelId}:${contact}`;
  return /^[\w:.-]{1,128}$/.test(plain) ? plain : `${channelId}:${createHash('sha256').update(contact).digest('hex').slice(0, 40)}`;
}

function dedupeOf(channelId: string, event: MetaEvent): string {
  const what = event.type === 'message' ? `m|${event.metaMessageId}`
    : event.type === 'status' ? `s|${event.metaMessageId}|${event.status}|${event.at}`
    : `o|${event.field}|${event.summary}`;
  return createHash('sha256').update(`${channelId}|${what}`).digest('hex');
}

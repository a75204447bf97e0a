import { createHash } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoClients } from '../../functions/adapters/dynamodb-clients';
import { IDEMPOTENCY_SORT_KEY } from '../../functions/handlers/kit/idempotency-records';
import { TABLE } from '../../functions/manifest/table';
import { REPEAT_DROPPED_MARK } from '../../web/src/core/seen-events';
import { consoleSession } from '../support/browser';
import { EVENT_WAIT_MS } from '../support/eventually';
import { freshOrg } from '../support/fresh-org';
import { api, eventDelivered } from '../support/http-client';
import { type Frame, WsClient } from '../support/ws-client';

/*
 * The realtime broadcast keeps no idempotency record (its rule dedupes `by-construction`):
 * delivery to WebSocket clients is at least once, every frame carries the event's id and the
 * ticket's version, and clients drop an id they have seen. A redelivered event is posted again,
 * with the same id: the documented contract. An organization of its own, so that its list
 * subscription gets this file's events only.
 */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { consoleUrl: string };
const dynamo = createDynamoClients({ endpoint: runtime.dynamodbEndpoint });
let org: Awaited<ReturnType<typeof freshOrg>>;
let agent: ReturnType<typeof api>;
let admin: ReturnType<typeof api>;
const sockets: WsClient[] = [];

beforeAll(async () => {
  org = await freshOrg('org_rtdup');
  agent = api(org.users.agent.token);
  admin = api(org.users.admin.token);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  org?.close();
  dynamo.client.destroy();
});

const open = async (token: string) => {
  const socket = await WsClient.open(token);
  sockets.push(socket);
  return socket;
};
/** The frames of one event on a socket. */
const framesOf = (socket: WsClient, eventId: string) => socket.frames.filter((f) => f.type.startsWith('ticket.') && f.data?.id === eventId);
/** Waits until a socket holds `count` frames of the event. */
const frames = async (socket: WsClient, eventId: string, count: number): Promise<Frame[]> => {
  await socket.next(() => framesOf(socket, eventId).length >= count);
  return framesOf(socket, eventId);
};
/**
 * A consumer's Powertools idempotency record of an event, read by its key (busConsumer's key
 * prefix `consumer#<rule>`, Powertools' base64 MD5 of the JSON of `detail.id`; one GetItem).
 */
const recordOf = async (rule: string, eventId: string) => {
  const hash = createHash('md5').update(JSON.stringify(eventId)).digest('base64');
  const { Item } = await dynamo.client.send(new GetItemCommand({
    TableName: runtime.tableName, ConsistentRead: true,
    Key: { [TABLE.partitionKey]: { S: `consumer#${rule}#${hash}` }, [TABLE.sortKey]: { S: IDEMPOTENCY_SORT_KEY } },
  }));
  return Item;
};
const redeliver = async (eventId: string) => expect((await admin.post(`/v1/dev/events/${eventId}/redeliver`)).status).toBe(202);

describe('the realtime broadcast is at least once, without an idempotency record', () => {
  it('posts a redelivered event again: a list subscriber gets the frame twice with the same event id and ticket version, and no record is kept', async () => {
    const listener = await open(org.users.agent.token);
    expect((await listener.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed')).data).toMatchObject({ topic: 'tickets' });
    const created = (await agent.post('/v1/tickets', {
      subject: 'Twice?', description: 'Frames at least once', priority: 'low', requester: { name: 'Rita Peat', email: org.users.customer.email },
    })).body as { id: string; version: number };
    // The log holds an event once every rule's target took it: the broadcast and the email notifier too.
    const event = (await eventDelivered(agent, created.id, 'ticket.created')).detail as { id: string; ticketVersion: number };
    const [first] = await frames(listener, event.id, 1);
    expect(first!).toMatchObject({ type: 'ticket.created', data: { id: event.id, ticketId: created.id, ticketVersion: created.version, ticket: { version: created.version } } });

    // The email notifier keeps its record (`dedupe: 'record'`), found by the same key rule: the
    // broadcast, which used to write one the same way, has none.
    expect((await recordOf('email-notifier', event.id))?.status).toEqual({ S: 'COMPLETED' });
    expect(await recordOf('realtime-broadcast', event.id)).toBeUndefined();

    // A redelivery answers once its targets took it.
    await redeliver(event.id);
    const both = await frames(listener, event.id, 2);
    expect(both[1]).toEqual(first); // the same frame: same event id, same ticket version
    await listener.flush(); // every frame posted before now has arrived: no third copy
    expect(framesOf(listener, event.id)).toHaveLength(2);
    expect(await recordOf('realtime-broadcast', event.id)).toBeUndefined();
  }, 3 * EVENT_WAIT_MS);

  it('posts a redelivered reply again to the ticket room and the list, customers included, each copy carrying the event id and version', async () => {
    const listener = await open(org.users.agent2.token);
    await listener.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
    const created = (await agent.post('/v1/tickets', {
      subject: 'Reply twice?', description: 'A thread', priority: 'low', requester: { name: 'Rita Peat', email: org.users.customer.email },
    })).body as { id: string };
    const customer = await open(org.users.customer.token);
    expect((await customer.request({ action: 'subscribe', ticketId: created.id }, 'subscribed')).data).toEqual({ ticketId: created.id });

    const message = (await agent.post(`/v1/tickets/${created.id}/messages`, { body: 'On it', internal: false })).body as { id: string };
    const event = (await eventDelivered(agent, created.id, 'ticket.message.added', (e) => e.detail.data?.messageId === message.id)).detail as { id: string; ticketVersion: number };
    const firsts = await Promise.all([frames(listener, event.id, 1), frames(customer, event.id, 1)]);
    await redeliver(event.id);
    await redeliver(event.id);
    for (const [socket, [first]] of [[listener, firsts[0]], [customer, firsts[1]]] as const) {
      const copies = await frames(socket, event.id, 3);
      await socket.flush();
      expect(framesOf(socket, event.id)).toHaveLength(3); // once, and once per redelivery
      for (const copy of copies) {
        expect(copy).toEqual(first);
        expect(copy.data).toMatchObject({ id: event.id, ticketVersion: event.ticketVersion, ticket: { version: event.ticketVersion }, data: { messageId: message.id } });
      }
    }
    // The customer's copy is still the customer's: no staff id in it.
    expect(firsts[1][0]!.data.actor).not.toHaveProperty('id');
    expect(await recordOf('realtime-broadcast', event.id)).toBeUndefined();
  }, 3 * EVENT_WAIT_MS);
});

describe('the console takes a redelivered event once', () => {
  // Seeded users only sign in to the console: the demo organization, on a ticket of this test's own.
  const openConsole = consoleSession(runtime.consoleUrl, { beforeAll, afterEach, afterAll });
  const run = randomUUID().slice(0, 8);

  it('an open ticket page reloads for an event, and not again for its copy', async () => {
    const demoAgent = api(runtime.tokens.agent);
    const demoAgent2 = api(runtime.tokens.agent2);
    const demoAdmin = api(runtime.tokens.admin);
    const ticket = (await demoAgent.post('/v1/tickets', {
      subject: `Copies ${run}`, description: 'd', priority: 'low', requester: { name: 'Carla Customer', email: runtime.users.customer.email },
    })).body as { id: string };
    const page = await openConsole('org_demo:agent', `/tickets/${ticket.id}`);
    await page.locator('[data-live="subscribed"]').waitFor({ timeout: EVENT_WAIT_MS });
    // The page's reads of the ticket: it reads it again for each ticket event that reaches it.
    const reads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname === `/v1/tickets/${ticket.id}`) reads.push(request.url());
    });
    // Notes: one event each, and no status change with them.
    const note = async (body: string) => {
      const res = await demoAgent2.post(`/v1/tickets/${ticket.id}/messages`, { body, internal: true });
      expect(res.status).toBe(201);
      return res.body as { id: string };
    };
    const first = await note(`First note ${run}`);
    await page.getByText(`First note ${run}`).waitFor({ timeout: EVENT_WAIT_MS });
    const event = await eventDelivered(demoAgent, ticket.id, 'ticket.note.added', (e) => e.detail.data?.messageId === first.id);
    const before = reads.length;
    expect(before).toBeGreaterThan(0);

    // The copy reaches the page (at least once) and the page drops it on arrival, leaving a mark;
    // so it schedules no read, and the next note's is the only one.
    expect((await demoAdmin.post(`/v1/dev/events/${event.detail.id}/redeliver`)).status).toBe(202);
    await page.waitForFunction(([mark, id]) => performance.getEntriesByName(mark).some((m) => (m as { detail?: { id?: string } }).detail?.id === id),
      [REPEAT_DROPPED_MARK, event.detail.id] as const, { timeout: EVENT_WAIT_MS });
    await note(`Second note ${run}`);
    await page.getByText(`Second note ${run}`).waitFor({ timeout: EVENT_WAIT_MS });
    expect(reads.length - before).toBe(1); // the second note's read; none for the copy
  }, 3 * EVENT_WAIT_MS);
});

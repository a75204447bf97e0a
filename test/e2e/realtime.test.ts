import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalTokens } from '../../bin/local/local-tokens';
import { createDynamoClients } from '../../functions/adapters/dynamodb-clients';
import { eventually } from '../support/eventually';
import { api, eventDelivered, newTicket } from '../support/http-client';
import { WsClient, ticketEvents } from '../support/ws-client';

const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { wsUrl: string; wsManagementUrl: string };
const agentApi = api(runtime.tokens.agent);
const customerEmail = runtime.users.customer.email;
const clients: WsClient[] = [];
const connect = async (token: string, options?: { protocols?: string[] }) => {
  const client = await WsClient.open(token, options);
  clients.push(client);
  return client;
};
const createTicket = async (over: Record<string, unknown> = {}) => {
  const res = await agentApi.post('/v1/tickets', newTicket({ requester: { name: 'Cust', email: customerEmail }, ...over }));
  expect(res.status).toBe(201);
  return res.body as { id: string };
};
const reply = async (ticketId: string, body: string, internal = false) => {
  const res = await agentApi.post(`/v1/tickets/${ticketId}/messages`, { body, internal });
  expect(res.status).toBe(201);
  return res.body as { id: string };
};

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

describe('connecting', () => {
  it('is in the contract: npm start writes wsUrl', () => {
    expect(runtime.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a missing, forged or expired token on upgrade with 401', async () => {
    await expect(WsClient.open(undefined)).rejects.toMatchObject({ status: 401 });
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['admin'], 'custom:orgId': runtime.orgId, token_use: 'id' })
      .setProtectedHeader({ alg: 'ES256' }).setSubject(runtime.users.admin.id).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE)
      .setIssuedAt().setExpirationTime('1h').sign(privateKey);
    await expect(WsClient.open(forged)).rejects.toMatchObject({ status: 401 });
    const tokens = await LocalTokens.open(runtime.dataDir);
    const expired = await tokens.sign({ sub: runtime.users.agent.id, email: runtime.users.agent.email, name: 'A', role: 'agent', orgId: runtime.orgId }, -60);
    await expect(WsClient.open(expired)).rejects.toMatchObject({ status: 401 });
    await expect(WsClient.open('not.a.token')).rejects.toMatchObject({ status: 401 });
  });

  it('takes the token from Sec-WebSocket-Protocol too, and answers with the subprotocol', async () => {
    const client = await connect('', { protocols: ['helpdesk', runtime.tokens.agent] });
    expect(client.socket.protocol).toBe('helpdesk');
    expect((await client.request({ action: 'ping' }, 'pong')).data.connectionId).toBeTruthy();
  });
});

describe('frames the server cannot use', () => {
  it('get an error frame, and the connection stays open', async () => {
    const client = await connect(runtime.tokens.agent);
    expect((await client.request('not json', 'error')).data).toMatchObject({ code: 'malformed-frame' });
    expect((await client.request([1, 2], 'error')).data).toMatchObject({ code: 'malformed-frame' });
    expect((await client.request({ action: 'dance' }, 'error')).data).toMatchObject({ code: 'unknown-action', action: 'dance' });
    const invalid = await client.request({ action: 'typing', ticketId: 'x', state: 'sideways' }, 'error');
    expect(invalid.data).toMatchObject({ code: 'invalid-frame', action: 'typing', errors: [{ pointer: '#/state' }] });
    expect((await client.request({ action: 'subscribe', ticketId: 'NOPE0000000000000000000000' }, 'error')).data).toMatchObject({ code: 'not-found' });
    expect((await client.request({ action: 'ping' }, 'pong')).type).toBe('pong');
  });
});

describe('ticket events reach the subscribers who may see them', () => {
  let agent: WsClient;
  let agent2: WsClient;
  let customer: WsClient;
  let customer2: WsClient;
  let otherOrgAgent: WsClient;
  let ticketId: string;

  beforeAll(async () => {
    [agent, agent2, customer, customer2, otherOrgAgent] = await Promise.all([
      connect(runtime.tokens.agent), connect(runtime.tokens.agent2), connect(runtime.tokens.customer),
      connect(runtime.tokens.customer2), connect(runtime.otherOrg.tokens.agent),
    ]);
    ticketId = (await createTicket()).id;
    expect((await agent2.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed')).data).toMatchObject({ topic: 'tickets' });
    expect((await customer.request({ action: 'subscribe', ticketId }, 'subscribed')).data).toEqual({ ticketId });
    await agent.request({ action: 'subscribe', ticketId }, 'subscribed');
    await otherOrgAgent.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
  });

  it('an agent replies over HTTP: the other agent and the customer receive ticket.message.added', async () => {
    const message = await reply(ticketId, 'We are on it');
    const isReply = (f: { type: string; data: any }) => f.type === 'ticket.message.added' && f.data.data.messageId === message.id;
    const [forAgent2, forCustomer] = await Promise.all([agent2.next(isReply), customer.next(isReply)]);
    expect(forAgent2.data).toMatchObject({ ticketId, orgId: runtime.orgId, internal: false, actor: { id: runtime.users.agent.id } });
    expect(forCustomer.data.ticket).not.toHaveProperty('escalationTier');
  });

  it('an internal note reaches only agents; customers and other organizations never see it', async () => {
    const note = await reply(ticketId, 'Customer seems upset', true);
    await agent2.next((f) => f.type === 'ticket.note.added' && f.data.data.messageId === note.id);
    await agent.next((f) => f.type === 'ticket.note.added' && f.data.data.messageId === note.id);
    // Events are broadcast in order: once the customer has the next public reply, the note went by.
    const after = await reply(ticketId, 'Any news on your side?');
    await customer.next((f) => f.type === 'ticket.message.added' && f.data.data.messageId === after.id);
    await agent2.next((f) => f.type === 'ticket.message.added' && f.data.data.messageId === after.id);
    expect(ticketEvents(customer, ticketId).filter((f) => f.type === 'ticket.note.added' || f.data.internal)).toEqual([]);
    // The other organization's socket is another connection: frames posted to it before now have arrived after a round trip.
    await otherOrgAgent.flush();
    expect(ticketEvents(otherOrgAgent, ticketId)).toEqual([]);
    expect(otherOrgAgent.frames.filter((f) => f.data?.orgId === runtime.orgId)).toEqual([]);
  });

  it("a customer may not follow someone else's ticket, nor an agent another organization's", async () => {
    expect((await customer2.request({ action: 'subscribe', ticketId }, ['subscribed', 'error'])).data).toMatchObject({ code: 'not-found' });
    expect((await otherOrgAgent.request({ action: 'subscribe', ticketId }, ['subscribed', 'error'])).data).toMatchObject({ code: 'not-found' });
    expect((await customer2.request({ action: 'typing', ticketId, state: 'start' }, 'error')).data).toMatchObject({ code: 'not-found' });
  });

  it("a customer's ticket list carries only their own tickets", async () => {
    await customer2.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
    const theirs = await createTicket({ requester: { name: 'Other', email: runtime.users.customer2.email } });
    const notTheirs = await createTicket();
    await customer2.next((f) => f.type === 'ticket.created' && f.data.ticketId === theirs.id);
    expect(ticketEvents(customer2, theirs.id, 'ticket.created')).toHaveLength(1);
    // Different tickets' events are delivered side by side, in no set order: the broadcaster is
    // past this one once the dev event log lists it, and its frames, if any, have arrived after a round trip.
    await eventDelivered(agentApi, notTheirs.id, 'ticket.created');
    await customer2.flush();
    expect(ticketEvents(customer2, notTheirs.id)).toEqual([]);
  });

  it('a filtered list gets the tickets that match, and those that leave the filter', async () => {
    const watcher = await connect(runtime.tokens.supervisor);
    await watcher.request({ action: 'subscribe', topic: 'tickets', filter: { status: 'open' } }, 'subscribed');
    const ticket = await createTicket();
    await reply(ticket.id, 'first answer opens it'); // new → open
    const opened = await watcher.next((f) => f.type === 'ticket.status.changed' && f.data.ticketId === ticket.id);
    expect(opened.data.changes.status).toEqual({ from: 'new', to: 'open' });
    expect(ticketEvents(watcher, ticket.id, 'ticket.created')).toEqual([]);
  });
});

describe('typing, presence and read receipts go through the ticket room', () => {
  it('reach the room: presence lists viewers, typing and read reach the others, internal typing only staff', async () => {
    const ticketId = (await createTicket()).id;
    const [agent, agent2, customer] = await Promise.all([
      connect(runtime.tokens.agent), connect(runtime.tokens.agent2), connect(runtime.tokens.customer),
    ]);
    await customer.request({ action: 'subscribe', ticketId }, 'subscribed');
    await agent2.request({ action: 'subscribe', ticketId }, 'subscribed');

    const mark = customer.frames.length;
    agent.send({ action: 'viewing', ticketId });
    const presence = await customer.next((f) => f.type === 'presence' && f.data.ticketId === ticketId, mark);
    // A customer sees staff by name and role, never their user id.
    expect(presence.data.viewers).toEqual([{ name: expect.any(String), role: 'agent', since: expect.any(String) }]);
    await agent.next((f) => f.type === 'presence' && f.data.ticketId === ticketId); // the viewer sees the list too

    agent.send({ action: 'typing', ticketId, state: 'start', internal: true });
    await agent2.next((f) => f.type === 'typing' && f.data.internal === true);
    agent.send({ action: 'typing', ticketId, state: 'start' });
    const typing = await customer.next((f) => f.type === 'typing', mark);
    expect(typing.data).toMatchObject({ ticketId, role: 'agent', state: 'start' });
    expect(typing.data.userId).toBeUndefined();
    expect(customer.frames.filter((f) => f.type === 'typing' && f.data.internal)).toEqual([]);
    await agent.flush(); // an echo would have been posted with the others
    expect(agent.frames.filter((f) => f.type === 'typing')).toEqual([]); // never echoed to the sender

    const message = await reply(ticketId, 'Here is the fix');
    customer.send({ action: 'read', ticketId, messageId: message.id });
    const read = await agent.next((f) => f.type === 'read');
    expect(read.data).toMatchObject({ ticketId, messageId: message.id, userId: runtime.users.customer.id, role: 'customer' });

    await agent.close();
    const left = await customer.next((f) => f.type === 'presence' && f.data.viewers.length === 0, mark);
    expect(left.data.ticketId).toBe(ticketId);
  });
});

describe('agent availability', () => {
  it('staff following the ticket list are online; others on the list hear who comes and goes, customers never', async () => {
    const [observer, customer] = await Promise.all([connect(runtime.tokens.agent), connect(runtime.tokens.customer)]);
    await observer.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
    await customer.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
    const admin = await WsClient.open(runtime.tokens.admin);
    const subscribed = await admin.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
    expect(subscribed.data.online).toEqual(expect.arrayContaining([expect.objectContaining({ userId: runtime.users.agent.id, role: 'agent' })]));
    expect(subscribed.data.online.some((u: { role: string }) => u.role === 'customer')).toBe(false);
    const adminId = runtime.users.admin.id;
    await observer.next((f) => f.type === 'availability' && f.data.userId === adminId && f.data.status === 'online');
    await admin.close();
    await observer.next((f) => f.type === 'availability' && f.data.userId === adminId && f.data.status === 'offline');
    await customer.flush();
    expect(customer.frames.filter((f) => f.type === 'availability')).toEqual([]);
  });
});

describe('a client killed without closing', () => {
  it('is cleaned up on the next post (410 Gone), with its subscriptions', async () => {
    const doomed = await WsClient.open(runtime.tokens.agent2);
    const { connectionId } = (await doomed.request({ action: 'ping' }, 'pong')).data;
    await doomed.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
    const { document } = createDynamoClients({ endpoint: runtime.dynamodbEndpoint });
    const connectionItem = () => document.send(new GetCommand({
      TableName: runtime.tableName, Key: { pk: `$helpdesk#connectionId_${connectionId}`, sk: '$wsConnection_1' },
    })).then((r) => r.Item);
    // Staff also sit in their own room (watched tickets' events) from the connect on.
    expect(await connectionItem()).toMatchObject({ connectionId, orgId: runtime.orgId, rooms: new Set(['tickets', `user#${runtime.users.agent2.id}`]) });

    doomed.socket.terminate(); // no closing handshake: no $disconnect
    const management = `${runtime.wsManagementUrl}/@connections/${encodeURIComponent(connectionId)}`;
    await eventually(async () => expect((await fetch(management)).status).toBe(410));
    expect(await connectionItem()).toBeDefined(); // still recorded: nothing has posted to it yet

    const observer = await connect(runtime.tokens.agent);
    await observer.request({ action: 'subscribe', topic: 'tickets' }, 'subscribed');
    const ticket = await createTicket();
    await observer.next((f) => f.type === 'ticket.created' && f.data.ticketId === ticket.id);
    await eventually(async () => expect(await connectionItem()).toBeUndefined());
    const subscription = await document.send(new GetCommand({
      TableName: runtime.tableName,
      Key: { pk: `$helpdesk#orgId_${runtime.orgId}#room_tickets`, sk: `$wsSubscription_1#connectionId_${connectionId}` },
    }));
    expect(subscription.Item).toBeUndefined();
    document.destroy();
  });
});

describe('the @connections management API', () => {
  it('posts to, describes and closes a connection like API Gateway, and answers 410 for unknown ones', async () => {
    const client = await connect(runtime.tokens.agent);
    const { connectionId } = (await client.request({ action: 'ping' }, 'pong')).data;
    const url = `${runtime.wsManagementUrl}/@connections/${encodeURIComponent(connectionId)}`;
    const posted = await fetch(url, { method: 'POST', body: JSON.stringify({ type: 'hello', data: {} }) });
    expect(posted.status).toBe(200);
    await client.next((f) => f.type === 'hello');
    const info = await (await fetch(url)).json();
    expect(info).toMatchObject({ ConnectedAt: expect.any(String), Identity: { SourceIp: expect.any(String) } });
    const closed = new Promise((resolve) => client.socket.once('close', resolve));
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(204);
    await closed;
    const gone = await fetch(`${runtime.wsManagementUrl}/@connections/unknown`, { method: 'POST', body: '{}' });
    expect(gone.status).toBe(410);
    expect(gone.headers.get('x-amzn-errortype')).toBe('GoneException');
  });
});

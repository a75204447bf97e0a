import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, dueTimersFired } from '../support/http-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const customer = api(runtime.tokens.customer);
const customer2 = api(runtime.tokens.customer2);
const otherAgent = api(runtime.otherOrg.tokens.agent);

const chat = (over: Record<string, unknown> = {}) => ({
  chatId: `chat-${randomUUID()}`,
  transcript: [
    { role: 'customer', at: '2026-11-29T09:05:00Z', text: 'My invoice shows the wrong VAT rate' },
    { role: 'bot', at: '2026-11-29T09:05:10Z', text: 'Let me get a human for you.' },
    { role: 'agent', at: '2026-11-29T09:07:00Z', text: 'Which invoice number?', attachmentIds: ['01J000000000000000000000AA'] },
  ],
  requester: { name: 'Carla Customer', email: 'carla@example.com' },
  ...over,
});

describe('chat to ticket', () => {
  it('opens a ticket whose first message is the transcript as seed 004 shows it, and keeps chatId', async () => {
    const body = chat({ priority: 'high', category: 'billing' });
    const res = await agent.post('/v1/tickets/from-chat', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      subject: 'My invoice shows the wrong VAT rate', channel: 'chat', chatId: body.chatId, priority: 'high', category: 'billing',
      requester: { email: 'carla@example.com' }, messageCount: 1,
    });
    const transcript = '[Nov 29, 2026 09:05] Customer: My invoice shows the wrong VAT rate\n\n'
      + '[Nov 29, 2026 09:05] Bot: Let me get a human for you.\n\n'
      + '[Nov 29, 2026 09:07] Agent: Which invoice number? [attachments: 01J000000000000000000000AA]';
    const thread = (await agent.get(`/v1/tickets/${res.body.id}`)).body;
    expect(thread.messages[0].body).toBe(transcript);
    expect(thread.description).toBe(transcript);
    // The requester sees it too, as their ticket.
    expect((await customer.get(`/v1/tickets/${res.body.id}`)).status).toBe(200);
  });

  it('returns the same ticket for the same chatId, also when asked concurrently', async () => {
    // A requester of its own: the shared seeded customer has hundreds of tickets from other files,
    // and a list of them (newest update first) holds only a page of them.
    const email = `chat-${randomUUID().slice(0, 8)}@example.com`;
    const body = chat({ subject: 'VAT', requester: { name: 'Carla Customer', email } });
    const [a, b] = await Promise.all([agent.post('/v1/tickets/from-chat', body), agent.post('/v1/tickets/from-chat', body)]);
    const again = await agent.post('/v1/tickets/from-chat', { ...body, subject: 'Changed' });
    expect([a.status, b.status, again.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.id, b.body.id, again.body.id]).size).toBe(1);
    expect(again.body.subject).toBe('VAT');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const { body: list } = await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}&limit=100`);
    expect(list.items.filter((t: { chatId?: string }) => t.chatId === body.chatId)).toHaveLength(1);
    expect(list.items).toHaveLength(1);
  });

  it('is for staff; bad transcripts are 400 with pointers', async () => {
    expect((await customer.post('/v1/tickets/from-chat', chat())).status).toBe(403);
    const bad = await agent.post('/v1/tickets/from-chat', chat({ transcript: [{ role: 'robot', at: 'yesterday', text: 'x' }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['#/transcript/0/at', '#/transcript/0/role']);
    expect((await agent.post('/v1/tickets/from-chat', chat({ transcript: [] }))).status).toBe(400);
  });
});

const call = (id: string, name: string, args: unknown) => ({
  id, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) },
});
const outputsOf = (body: { toolOutputs: { tool_call_id: string; output: string }[] }) =>
  Object.fromEntries(body.toolOutputs.map((o) => [o.tool_call_id, JSON.parse(o.output)]));

describe('AI tool calls', () => {
  it('lists OpenAI-style function tools with JSON Schemas from zod', async () => {
    const res = await customer.get('/v1/ai/tools');
    expect(res.status).toBe(200);
    expect(res.body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['create_ticket_report', 'get_ticket_information']);
    const create = res.body.tools[0];
    expect(create).toMatchObject({
      type: 'function',
      function: {
        name: 'create_ticket_report',
        description: expect.stringContaining('Creates a support ticket'),
        parameters: { type: 'object', required: ['subject', 'description', 'category'], properties: { category: { enum: expect.arrayContaining(['billing', 'other']) } } },
      },
    });
    const all = await customer.get('/v1/ai/tools?include=all');
    expect(all.body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['create_ticket_report', 'get_ticket_information', 'search_tickets', 'add_reply']);
  });

  it('creates a real ticket for the customer and reads it back', async () => {
    const res = await customer.post('/v1/ai/tool-calls', {
      toolCalls: [call('c1', 'create_ticket_report', { subject: 'Router blinks red', description: 'Since the storm', category: 'technical_support', priority: 'high' })],
    });
    expect(res.status).toBe(200);
    const created = outputsOf(res.body).c1;
    expect(created).toMatchObject({ success: true, ticketId: expect.stringMatching(/^TKT-/), status: 'new', priority: 'high', category: 'technical_support' });
    const ticket = (await agent.get(`/v1/tickets/by-number/${created.ticketId}`)).body;
    // Not a category of the demo catalog: kept as a tag. A catalog category is used as such.
    expect(ticket).toMatchObject({ subject: 'Router blinks red', channel: 'ai', category: null, tags: ['ai', 'ai-category:technical_support'], requester: { email: 'carla@example.com' } });
    const billing = outputsOf((await customer.post('/v1/ai/tool-calls', {
      toolCalls: [call('b', 'create_ticket_report', { subject: 'Invoice', description: 'Wrong VAT', category: 'billing' })],
    })).body).b;
    expect((await agent.get(`/v1/tickets/by-number/${billing.ticketId}`)).body).toMatchObject({ category: 'billing', tags: ['ai'] });

    // `lookup_recent` answers the customer's 5 most recently updated tickets. A clock move in an
    // earlier file fires the SLA timers of the customer's older tickets (hundreds), each firing
    // moving one's update time: let those fire first, so that this ticket stays the newest.
    await dueTimersFired(agent);
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Please restart it.' });
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Known outage in her area', internal: true });
    const read = await customer.post('/v1/ai/tool-calls', {
      toolCalls: [call('g1', 'get_ticket_information', { ticket_id: created.ticketId }), call('g2', 'get_ticket_information', { lookup_recent: true })],
    });
    const out = outputsOf(read.body);
    expect(out.g1).toMatchObject({ success: true, ticket: { ticketId: created.ticketId, status: 'open', messages: [{ from: 'support', body: 'Please restart it.' }] } });
    expect(JSON.stringify(out.g1)).not.toContain('outage');
    expect(JSON.stringify(out.g1)).not.toContain(runtime.users.agent.id);
    expect(out.g2.tickets.map((t: { ticketId: string }) => t.ticketId)).toContain(created.ticketId);
  }, 600_000);

  it('never fails the batch: bad JSON, unknown tools, invalid arguments and refused access become outputs', async () => {
    const mine = outputsOf((await customer.post('/v1/ai/tool-calls', {
      toolCalls: [call('m', 'create_ticket_report', { subject: 'Mine', description: 'Private', category: 'account' })],
    })).body).m;
    const res = await customer2.post('/v1/ai/tool-calls', {
      toolCalls: [
        call('json', 'create_ticket_report', '{"subject": "unterminated'),
        call('unknown', 'delete_everything', {}),
        call('invalid', 'create_ticket_report', { subject: 'x', category: 'gardening' }),
        call('foreign', 'get_ticket_information', { ticket_id: mine.ticketId }),
        call('foreignReply', 'add_reply', { ticket_id: mine.ticketId, body: 'Hijack' }),
        call('note', 'add_reply', { ticket_id: mine.ticketId, body: 'x', internal: true }),
        call('ok', 'get_ticket_information', { lookup_recent: true }),
      ],
    });
    expect(res.status).toBe(200);
    const out = outputsOf(res.body);
    expect(res.body.toolOutputs.map((o: { tool_call_id: string }) => o.tool_call_id)).toEqual(['json', 'unknown', 'invalid', 'foreign', 'foreignReply', 'note', 'ok']);
    expect(out.json).toEqual({ success: false, error: 'the arguments are not valid JSON' });
    expect(out.unknown).toMatchObject({ success: false, error: expect.stringContaining('unknown tool delete_everything') });
    expect(out.invalid).toMatchObject({ success: false, error: expect.stringMatching(/description.*category|category.*description/s) });
    expect(out.foreign).toMatchObject({ success: false, error: expect.stringContaining('does not exist') });
    expect(out.foreignReply).toMatchObject({ success: false });
    expect(out.note).toMatchObject({ success: false });
    expect(out.ok.success).toBe(true);
    expect(JSON.stringify(out.ok)).not.toContain(mine.ticketId);
    // Another organization's agent cannot reach it either.
    const other = outputsOf((await otherAgent.post('/v1/ai/tool-calls', { toolCalls: [call('x', 'get_ticket_information', { ticket_id: mine.ticketId })] })).body);
    expect(other.x.success).toBe(false);
  });

  it('lets staff file for a customer and reply; a malformed batch envelope is a 400', async () => {
    const res = await agent.post('/v1/ai/tool-calls', {
      toolCalls: [
        call('noReq', 'create_ticket_report', { subject: 'For whom?', description: 'x', category: 'other' }),
        call('c', 'create_ticket_report', { subject: 'Phone call', description: 'Asked about refunds', category: 'billing', requester_email: 'dan@example.com', requester_name: 'Dan' }),
      ],
    });
    const out = outputsOf(res.body);
    expect(out.noReq).toMatchObject({ success: false, error: expect.stringContaining('requester_email') });
    expect(out.c).toMatchObject({ success: true });
    const reply = outputsOf((await agent.post('/v1/ai/tool-calls', { toolCalls: [call('r', 'add_reply', { ticket_id: out.c.ticketId, body: 'Refund sent.' })] })).body).r;
    expect(reply).toMatchObject({ success: true, ticketId: out.c.ticketId, internal: false, status: 'open' });
    expect((await agent.post('/v1/ai/tool-calls', { toolCalls: 'nope' })).status).toBe(400);
    expect((await api().post('/v1/ai/tool-calls', { toolCalls: [] })).status).toBe(401);
  });
});

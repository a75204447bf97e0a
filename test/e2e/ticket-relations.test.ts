import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, inject, it } from 'vitest';
import { allPages, api, newTicket } from '../support/http-client';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';

const runtime = inject('runtime');
const support = runtime.supportAddress as string;
const agent = api(runtime.tokens.agent);
const admin = api(runtime.tokens.admin);
const customer = api(runtime.tokens.customer);
const otherAgent = api(runtime.otherOrg.tokens.agent);
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: runtime.smtpPort as number, secure: false, ignoreTLS: true });
const send = (mail: Mail.Options) => transport.sendMail(mail);
const unique = (tag: string) => `${tag}.${randomUUID().slice(0, 8)}@relations-e2e.example`;

type Json = Record<string, any>;
const detail = async (id: string): Promise<Json> => (await agent.get(`/v1/tickets/${id}`)).body;
const create = async (over: Record<string, unknown> = {}) => {
  const res = await agent.post('/v1/tickets', newTicket({ requester: { name: 'Rita', email: unique('rita') }, ...over }));
  expect(res.status).toBe(201);
  return res.body as Json;
};
const say = async (id: string, body: string, internal = false) => {
  const res = await agent.post(`/v1/tickets/${id}/messages`, { body, internal });
  expect(res.status).toBe(201);
  return res.body as Json;
};
const eventsOf = async (ticketId: string, type: string) =>
  (await agent.get(`/v1/dev/events?ticketId=${ticketId}&type=${type}`)).body.items as Json[];

async function mailTicket(subject: string, extra: Mail.Options = {}) {
  const from = unique('mailer');
  const info = await send({ from: `Mia Mailer <${from}>`, to: support, subject, text: `About ${subject}.`, ...extra });
  const ticket = await eventually(async () => {
    const { body } = await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`);
    expect(body.items).toHaveLength(1);
    return body.items[0] as Json;
  });
  return { from, ticket, messageId: info.messageId as string };
}

/** Everything the stored state shows of a ticket, to prove a refused request changed nothing. */
const stateOf = async (id: string) => {
  const { body, headers } = await agent.get(`/v1/tickets/${id}`);
  return { etag: headers.get('etag'), status: body.status, messages: body.messages.length, links: body.links, mergedInto: body.mergedInto };
};

describe('merge over HTTP', () => {
  it('moves the thread onto the target with authors, times and files; closes the source with mergedInto; events on both', async () => {
    const { from, ticket: source } = await mailTicket('Broken invoice', {
      attachments: [{ filename: 'invoice.txt', content: 'line 1\nline 2\n', contentType: 'text/plain' }],
    });
    await say(source.id, 'We are looking into the invoice.');
    await say(source.id, 'Internal: check the billing run', true);
    const target = await create({ subject: 'Invoice wrong (duplicate report)' });
    await say(target.id, 'Hello from the target');
    const before = await detail(source.id);
    const file = before.messages[0].attachments[0];
    expect(file).toMatchObject({ filename: 'invoice.txt' });

    const merged = await agent.post(`/v1/tickets/${source.id}/merge`, { targetTicketId: target.id });
    expect(merged.status).toBe(200);
    expect(merged.body.copiedMessages).toBe(3);
    expect(merged.body.source).toMatchObject({ status: 'closed', mergedInto: { id: target.id, number: target.number } });
    expect(merged.body.target).toMatchObject({ messageCount: 3, noteCount: 1, participants: [from] });

    const after = await detail(target.id);
    const original = before.messages.map((m: Json) => ({ id: m.id, body: m.body, author: m.author, createdAt: m.createdAt, internal: m.internal }));
    expect(after.messages.map((m: Json) => ({ id: m.id, body: m.body, author: m.author, createdAt: m.createdAt, internal: m.internal })))
      .toEqual(expect.arrayContaining(original));
    expect(after.messages).toHaveLength(4);
    // The thread stays in time order: the target's own reply comes after the copied ones written before it.
    expect(after.messages.map((m: Json) => m.createdAt)).toEqual([...after.messages.map((m: Json) => m.createdAt)].sort());
    expect(after.links).toEqual([expect.objectContaining({ ticketId: source.id, number: source.number, kind: 'duplicate' })]);
    expect(after.activities.map((a: Json) => a.type)).toContain('ticket.merged');

    // The file stays downloadable from the target.
    const res = await fetch(`${runtime.httpUrl}/v1/tickets/${target.id}/attachments/${file.id}`, {
      headers: { authorization: `Bearer ${runtime.tokens.agent}` }, redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(Buffer.from(await (await fetch(res.headers.get('location')!)).arrayBuffer()).toString()).toBe('line 1\nline 2\n');

    const sourceView = await detail(source.id);
    expect(sourceView).toMatchObject({ status: 'closed', mergedInto: { id: target.id, number: target.number } });
    expect(sourceView.activities.map((a: Json) => a.type)).toEqual(expect.arrayContaining(['ticket.merged', 'ticket.status.changed', 'ticket.closed']));

    await eventually(async () => {
      const [onSource] = await eventsOf(source.id, 'ticket.merged');
      const [onTarget] = await eventsOf(target.id, 'ticket.merged');
      expect(onSource.detail).toMatchObject({ data: { role: 'source', targetTicketId: target.id, copiedMessages: 3 } });
      expect(onTarget.detail).toMatchObject({ data: { role: 'target', sourceTicketId: source.id, sourceNumber: source.number } });
    }, EVENT_WAIT_MS);
  });

  it('lands later mail on the source\'s thread on the target (token, In-Reply-To, number in the subject), through SMTP', async () => {
    const { from, ticket: source, messageId } = await mailTicket('Login loop');
    const target = await create({ subject: 'Login loop for the whole team' });
    expect((await agent.post(`/v1/tickets/${source.id}/merge`, { targetTicketId: target.id })).status).toBe(200);

    await send({ from, to: `support+t.${source.id.toLowerCase()}@demo.helpdesk.local`, subject: 'token reply', text: 'Reply by token.' });
    await send({ from, to: support, subject: 'Re: Login loop', inReplyTo: messageId, references: [messageId], text: 'Reply by headers.' });
    await send({ from, to: support, subject: `Re: [${source.number}] Login loop`, text: 'Reply by number.' });
    await eventually(async () => {
      const bodies = (await detail(target.id)).messages.map((m: Json) => m.body);
      expect(bodies).toEqual(expect.arrayContaining(['Reply by token.', 'Reply by headers.', 'Reply by number.']));
    });
    const sourceNow = await detail(source.id);
    expect(sourceNow.messages).toHaveLength(1);
    // No new ticket was opened for the merged requester.
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`)).body.items).toHaveLength(1);
    // As a participant of the target, the number of the target in a subject threads too.
    await send({ from, to: support, subject: `Re: [${target.number}] still looping`, text: 'Reply by target number.' });
    await eventually(async () => expect((await detail(target.id)).messages.map((m: Json) => m.body)).toContain('Reply by target number.'));
  });

  it('shows the customer of the source that it was merged', async () => {
    const mine = await customer.post('/v1/tickets', { subject: 'My printer', description: 'It jams' });
    const target = await create();
    expect((await agent.post(`/v1/tickets/${mine.body.id}/merge`, { targetTicketId: target.id })).status).toBe(200);
    const view = await customer.get(`/v1/tickets/${mine.body.id}`);
    expect(view.body).toMatchObject({ status: 'closed', statusLabel: 'Closed', mergedInto: { number: target.number } });
    expect(view.body.links).toBeUndefined();
    expect(view.body.participants).toBeUndefined();
  });

  it('refuses: itself 422, unknown or other org 404, closed or merged target 409, merged source 409, customers 403; nothing changes', async () => {
    const a = await create();
    const b = await create();
    const closed = await create();
    const etag = (await agent.get(`/v1/tickets/${closed.id}`)).headers.get('etag')!;
    expect((await agent.patch(`/v1/tickets/${closed.id}`, { status: 'closed' }, { 'if-match': etag })).status).toBe(200);
    const foreign = await otherAgent.post('/v1/tickets', newTicket());
    const [stateA, stateB] = [await stateOf(a.id), await stateOf(b.id)];

    const self = await agent.post(`/v1/tickets/${a.id}/merge`, { targetTicketId: a.id });
    expect(self.status).toBe(422);
    expect(self.headers.get('content-type')).toBe('application/problem+json');
    expect(self.body.errors).toEqual([expect.objectContaining({ pointer: '#/targetTicketId' })]);

    const missing = await agent.post(`/v1/tickets/${a.id}/merge`, { targetTicketId: foreign.body.id });
    expect(missing.status).toBe(404);
    expect(missing.body.errors).toEqual([expect.objectContaining({ pointer: '#/targetTicketId' })]);
    expect((await otherAgent.post(`/v1/tickets/${a.id}/merge`, { targetTicketId: foreign.body.id })).status).toBe(404);

    const intoClosed = await agent.post(`/v1/tickets/${a.id}/merge`, { targetTicketId: closed.id });
    expect(intoClosed.status).toBe(409);
    expect(intoClosed.body).toMatchObject({ type: expect.stringContaining('merge-conflict'), errors: [expect.objectContaining({ pointer: '#/targetTicketId' })] });

    const bad = await agent.post(`/v1/tickets/${a.id}/merge`, { targetTicketId: 'not valid!', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.pointer)).toEqual(expect.arrayContaining(['#/targetTicketId']));
    expect((await customer.post(`/v1/tickets/${a.id}/merge`, { targetTicketId: b.id })).status).toBe(403);

    expect(await stateOf(a.id)).toEqual(stateA);
    expect(await stateOf(b.id)).toEqual(stateB);

    expect((await agent.post(`/v1/tickets/${a.id}/merge`, { targetTicketId: b.id })).status).toBe(200);
    const again = await agent.post(`/v1/tickets/${a.id}/merge`, { targetTicketId: b.id });
    expect(again.status).toBe(409);
    const c = await create();
    const intoMerged = await agent.post(`/v1/tickets/${c.id}/merge`, { targetTicketId: a.id });
    expect(intoMerged.status).toBe(409);
    expect((await detail(b.id)).messageCount).toBe(0);
  });

});

describe('split over HTTP', () => {
  it('opens a new ticket from chosen messages (copied), linked both ways as parent and child', async () => {
    const source = await create({ subject: 'Two problems', tags: ['billing'] });
    const first = await say(source.id, 'About the printer: it jams');
    await say(source.id, 'About billing: all fine');
    const note = await say(source.id, 'Printer: ordered a part', true);

    const split = await agent.post(`/v1/tickets/${source.id}/split`, { messageIds: [note.id, first.id] });
    expect(split.status).toBe(201);
    const created = split.body.ticket;
    expect(split.headers.get('location')).toBe(`/v1/tickets/${created.id}`);
    expect(created).toMatchObject({
      subject: `Split from ${source.number}: Two problems`, description: 'About the printer: it jams', tags: ['billing'],
      requester: { email: source.requester.email }, messageCount: 1, noteCount: 1,
      links: [expect.objectContaining({ ticketId: source.id, number: source.number, subject: 'Two problems', kind: 'parent' })],
    });
    const newThread = await detail(created.id);
    expect(newThread.messages.map((m: Json) => [m.id, m.body, m.createdAt])).toEqual([
      [first.id, first.body, first.createdAt], [note.id, note.body, note.createdAt],
    ]);
    const sourceNow = await detail(source.id);
    expect(sourceNow.messages).toHaveLength(3);
    expect(sourceNow.links).toEqual([expect.objectContaining({ ticketId: created.id, number: created.number, kind: 'child' })]);
    await eventually(async () => {
      expect(await eventsOf(source.id, 'ticket.split')).toHaveLength(1);
      expect(await eventsOf(created.id, 'ticket.split')).toHaveLength(1);
    }, EVENT_WAIT_MS);
  });

  it('refuses messages that are not on the ticket with pointers, and changes nothing', async () => {
    const source = await create();
    const mine = await say(source.id, 'mine');
    const other = await create();
    const foreign = await say(other.id, 'not yours');
    const state = await stateOf(source.id);
    const res = await agent.post(`/v1/tickets/${source.id}/split`, { messageIds: [mine.id, foreign.id] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ pointer: '#/messageIds/1', detail: expect.any(String) }]);
    const empty = await agent.post(`/v1/tickets/${source.id}/split`, { messageIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].pointer).toBe('#/messageIds');
    const twice = await agent.post(`/v1/tickets/${source.id}/split`, { messageIds: [mine.id, mine.id] });
    expect(twice.status).toBe(400);
    expect(await stateOf(source.id)).toEqual(state);
  });
});

describe('links over HTTP', () => {
  it('links both ways in one go, lists them on both views, and unlinks', async () => {
    const a = await create({ subject: 'Outage in EU' });
    const b = await create({ subject: 'Outage overall' });
    const linked = await agent.post(`/v1/tickets/${a.id}/links/${b.id}`, { kind: 'parent' });
    expect(linked.status).toBe(200);
    expect(linked.body.ticket.links).toEqual([expect.objectContaining({ ticketId: b.id, number: b.number, subject: 'Outage overall', kind: 'parent' })]);
    expect(linked.body.other.links).toEqual([expect.objectContaining({ ticketId: a.id, number: a.number, subject: 'Outage in EU', kind: 'child' })]);
    expect((await detail(b.id)).links).toEqual([expect.objectContaining({ ticketId: a.id, kind: 'child' })]);
    const listed = await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(a.requester.email)}`);
    expect(listed.body.items[0].links).toHaveLength(1);

    // The same link again changes nothing; another kind replaces it on both sides.
    const same = await agent.post(`/v1/tickets/${a.id}/links/${b.id}`, { kind: 'parent' });
    expect(same.body.ticket.version).toBe(linked.body.ticket.version);
    const related = await agent.post(`/v1/tickets/${b.id}/links/${a.id}`, { kind: 'related' });
    expect(related.body.ticket.links).toEqual([expect.objectContaining({ ticketId: a.id, kind: 'related' })]);
    expect((await detail(a.id)).links).toEqual([expect.objectContaining({ ticketId: b.id, kind: 'related' })]);
    await eventually(async () => expect(await eventsOf(a.id, 'ticket.linked')).toHaveLength(2), EVENT_WAIT_MS);

    // Customers never see links or link activity.
    expect((await customer.get(`/v1/tickets/${a.id}`)).status).toBe(404);

    expect((await agent.delete(`/v1/tickets/${a.id}/links/${b.id}`)).status).toBe(204);
    expect((await detail(a.id)).links).toEqual([]);
    expect((await detail(b.id)).links).toEqual([]);
    const gone = await agent.delete(`/v1/tickets/${a.id}/links/${b.id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toBe('application/problem+json');
    await eventually(async () => expect(await eventsOf(b.id, 'ticket.unlinked')).toHaveLength(1), EVENT_WAIT_MS);
  });

  it('refuses bad kinds, self links and other organizations\' tickets; nothing changes', async () => {
    const a = await create();
    const foreign = await otherAgent.post('/v1/tickets', newTicket());
    const state = await stateOf(a.id);
    const bad = await agent.post(`/v1/tickets/${a.id}/links/${foreign.body.id}`, { kind: 'sibling' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '#/kind' })]);
    expect((await agent.post(`/v1/tickets/${a.id}/links/${foreign.body.id}`, { kind: 'related' })).status).toBe(404);
    expect((await agent.post(`/v1/tickets/${a.id}/links/${a.id}`, { kind: 'related' })).status).toBe(422);
    expect((await customer.post(`/v1/tickets/${a.id}/links/${foreign.body.id}`, { kind: 'related' })).status).toBe(403);
    expect(await stateOf(a.id)).toEqual(state);
  });
});

describe('custom statuses over HTTP', () => {
  it('admins define them, staff read them, others may not write; bad input is a problem with pointers', async () => {
    const name = `Waiting on vendor ${randomUUID().slice(0, 6)}`;
    const created = await admin.post('/v1/statuses', { name, category: 'waiting_on_third_party', customerLabel: 'We asked our supplier' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, category: 'waiting_on_third_party', customerLabel: 'We asked our supplier', active: true });
    expect((await agent.get('/v1/statuses')).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.id })]));
    expect((await agent.get(`/v1/statuses/${created.body.id}`)).body.name).toBe(name);
    expect((await agent.post('/v1/statuses', { name: 'x', category: 'open' })).status).toBe(403);
    expect((await customer.get('/v1/statuses')).status).toBe(403);
    const bad = await admin.post('/v1/statuses', { name: '', category: 'almost_done' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.pointer).sort()).toEqual(['#/category', '#/name']);
    const taken = await admin.post('/v1/statuses', { name: name.toUpperCase(), category: 'open' });
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual([expect.objectContaining({ pointer: '#/name' })]);
    const renamed = await admin.patch(`/v1/statuses/${created.body.id}`, { name: `${name} (EU)`, customerLabel: null });
    expect(renamed.body).toMatchObject({ name: `${name} (EU)`, customerLabel: null, category: 'waiting_on_third_party' });
    expect((await admin.patch(`/v1/statuses/${created.body.id}`, { category: 'open' })).status).toBe(400);
    expect((await admin.patch('/v1/statuses/NOPE', { name: 'x y' })).status).toBe(404);
  });

  it('moves a ticket through the machine by category, pauses the SLA while waiting, shows names to staff and labels to customers', async () => {
    const suffix = randomUUID().slice(0, 6);
    const waiting = (await admin.post('/v1/statuses', { name: `Awaiting logs ${suffix}`, category: 'waiting_on_customer', customerLabel: 'Please send us your logs' })).body;
    const working = (await admin.post('/v1/statuses', { name: `Debugging ${suffix}`, category: 'in_progress' })).body;
    const done = (await admin.post('/v1/statuses', { name: `Fixed in release ${suffix}`, category: 'resolved' })).body;
    const mine = await customer.post('/v1/tickets', { subject: 'App crashes', description: 'On start' });
    const id = mine.body.id;
    let etag = mine.headers.get('etag')!;
    const path = `/v1/tickets/${id}`;

    const toWorking = await agent.patch(path, { customStatusId: working.id }, { 'if-match': etag });
    expect(toWorking.status).toBe(200);
    expect(toWorking.body).toMatchObject({ status: 'in_progress', statusLabel: working.name, customStatus: { id: working.id, name: working.name, category: 'in_progress' } });
    expect(toWorking.body.sla.pausedSince).toBeNull();
    etag = toWorking.headers.get('etag')!;

    const toWaiting = await agent.patch(path, { customStatusId: waiting.id }, { 'if-match': etag });
    expect(toWaiting.body).toMatchObject({ status: 'waiting_on_customer', statusLabel: waiting.name });
    expect(toWaiting.body.sla.pausedSince).toEqual(expect.any(String));
    etag = toWaiting.headers.get('etag')!;
    const seen = await customer.get(path);
    expect(seen.body).toMatchObject({ status: 'waiting_on_customer', statusLabel: 'Please send us your logs' });
    expect(seen.body.customStatus).toBeUndefined();
    const listed = await agent.get(`/v1/tickets?customStatusId=${waiting.id}`);
    expect(listed.body.items.map((t: Json) => t.id)).toEqual([id]);
    // Every page: other files' waiting tickets share the status, and their timers reorder it.
    expect((await allPages<Json>(agent, '/v1/tickets?status=waiting_on_customer')).map((t) => t.id)).toContain(id);

    // The machine still rules: a status outside the category, or a resolution without text, is refused.
    const conflicting = await agent.patch(path, { customStatusId: working.id, status: 'open' }, { 'if-match': etag });
    expect(conflicting.status).toBe(422);
    expect(conflicting.body.errors).toEqual([expect.objectContaining({ pointer: '#/status' })]);
    const noText = await agent.patch(path, { customStatusId: done.id }, { 'if-match': etag });
    expect(noText.status).toBe(422);
    expect(noText.body.errors).toEqual([expect.objectContaining({ pointer: '#/resolution' })]);
    const unknown = await agent.patch(path, { customStatusId: 'NOPE' }, { 'if-match': etag });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '#/customStatusId' })]);
    expect((await agent.get(path)).headers.get('etag')).toBe(etag);

    // The customer's reply reopens the ticket: the waiting custom status no longer applies, the clock runs again.
    await customer.post(`/v1/tickets/${id}/messages`, { body: 'Logs attached' });
    const reopened = await agent.get(path);
    expect(reopened.body).toMatchObject({ status: 'open', statusLabel: 'Open', customStatus: null });
    expect(reopened.body.sla.pausedSince).toBeNull();
    etag = reopened.headers.get('etag')!;

    const resolved = await agent.patch(path, { customStatusId: done.id, resolution: 'Fixed in 2.1' }, { 'if-match': etag });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', statusLabel: done.name, resolution: { text: 'Fixed in 2.1' } });
    expect((await customer.get(path)).body.statusLabel).toBe('Resolved');
    const changes = (await agent.get(path)).body.activities.filter((a: Json) => a.type === 'ticket.status.changed').map((a: Json) => a.changes.customStatusId?.to);
    expect(changes).toEqual(expect.arrayContaining([working.id, waiting.id, done.id]));

    // An inactive status can no longer be set.
    await admin.patch(`/v1/statuses/${working.id}`, { active: false });
    const inactive = await agent.patch(path, { customStatusId: working.id }, { 'if-match': resolved.headers.get('etag')! });
    expect(inactive.status).toBe(422);
  });
});

describe('merge of a long thread', () => {
  it('copies a thread longer than one transaction (130 messages: two pages) completely', async () => {
    const source = await create({ subject: 'Long thread' });
    for (let i = 0; i < 130; i++) await say(source.id, `m${i}`, i % 10 === 0);
    const target = await create({ subject: 'Long thread target' });
    const merged = await agent.post(`/v1/tickets/${source.id}/merge`, { targetTicketId: target.id });
    expect(merged.status).toBe(200);
    expect(merged.body.copiedMessages).toBe(130);
    expect(merged.body.target).toMatchObject({ messageCount: 117, noteCount: 13 });
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const { body }: { body: Json } = await agent.get(`/v1/tickets/${target.id}/messages?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      for (const m of body.items) ids.add(m.body);
      cursor = body.nextCursor;
    } while (cursor);
    expect(ids.size).toBe(130);
  });
});

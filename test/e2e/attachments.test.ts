import { describe, expect, inject, it } from 'vitest';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';
import { WsClient, ticketEvents } from '../support/ws-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const customer = api(runtime.tokens.customer);
const customer2 = api(runtime.tokens.customer2);
const otherAgent = api(runtime.otherOrg.tokens.agent);

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'), Buffer.alloc(2000, 0x5a)]);
/** A ticket of the seeded customer (carla@example.com), opened by staff. */
const carlasTicket = async () => (await agent.post('/v1/tickets', newTicket({ requester: { name: 'Carla', email: 'carla@example.com' } }))).body;

type Slot = { attachmentId: string; upload: { url: string; method: string; fields: Record<string, string>; expiresAt: string } };

/** Posts the file exactly as a browser would with the returned form: every field first, the file last. */
async function postForm(upload: Slot['upload'], content: Buffer, type: string, filename = 'file.bin') {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([content], { type }), filename);
  const res = await fetch(upload.url, { method: upload.method, body: form });
  return { status: res.status, text: await res.text() };
}

async function slot(client: ReturnType<typeof api>, ticketId: string | undefined, file: { filename: string; contentType: string; size: number }) {
  return client.post(ticketId ? `/v1/tickets/${ticketId}/attachments` : '/v1/attachments', file);
}

async function upload(client: ReturnType<typeof api>, ticketId: string | undefined, content = PNG, contentType = 'image/png', filename = 'screen.png') {
  const created = await slot(client, ticketId, { filename, contentType, size: content.length });
  expect(created.status).toBe(201);
  const posted = await postForm(created.body.upload, content, contentType, filename);
  expect(posted.status).toBe(204);
  return created.body as Slot;
}

/** GET the download route without following: the 302 and, followed by hand, the bytes. */
async function download(token: string, ticketId: string, attachmentId: string) {
  const res = await fetch(`${runtime.httpUrl}/v1/tickets/${ticketId}/attachments/${attachmentId}`, {
    headers: { authorization: `Bearer ${token}` }, redirect: 'manual',
  });
  if (res.status !== 302) return { status: res.status, problem: await res.json() };
  const location = res.headers.get('location')!;
  const file = await fetch(location);
  return { status: 302, location, file, bytes: Buffer.from(await file.arrayBuffer()) };
}

describe('attachments over HTTP: upload with the returned form, attach, download', () => {
  it('uploads with a real multipart POST, attaches to a reply, and downloads the same bytes as an attachment', async () => {
    const ticket = await carlasTicket();
    const created = await slot(customer, ticket.id, { filename: 'Bildschirm ä.png', contentType: 'image/png', size: PNG.length });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      attachmentId: expect.any(String),
      upload: { url: `${runtime.objectStoreUrl}/${runtime.attachmentsBucket}`, method: 'POST', fields: expect.objectContaining({ 'Content-Type': 'image/png', Policy: expect.any(String) }) },
    });
    expect(Date.parse(created.body.upload.expiresAt)).toBeGreaterThan(Date.now());
    expect((await postForm(created.body.upload, PNG, 'image/png', 'Bildschirm ä.png')).status).toBe(204);

    const reply = await customer.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Here is the screen', attachmentIds: [created.body.attachmentId] });
    expect(reply.status).toBe(201);
    expect(reply.body.attachments).toEqual([{ id: created.body.attachmentId, filename: 'Bildschirm ä.png', contentType: 'image/png', size: PNG.length }]);

    for (const token of [runtime.tokens.customer, runtime.tokens.agent]) {
      const got = await download(token, ticket.id, created.body.attachmentId);
      expect(got.status).toBe(302);
      expect(got.location).toContain(runtime.objectStoreUrl as string);
      expect(got.location).toContain('X-Amz-Signature=');
      expect(got.file!.status).toBe(200);
      expect(got.file!.headers.get('content-type')).toBe('image/png');
      expect(got.file!.headers.get('content-disposition')).toMatch(/^attachment; filename="Bildschirm _\.png"; filename\*=UTF-8''Bildschirm%20%C3%A4\.png$/);
      expect(got.bytes!.equals(PNG)).toBe(true);
    }
    const tampered = await fetch((await download(runtime.tokens.agent, ticket.id, created.body.attachmentId)).location!.replace('image%2Fpng', 'text%2Fhtml'));
    expect(tampered.status).toBe(403);
    expect((await fetch(`${runtime.objectStoreUrl}/${runtime.attachmentsBucket}/tickets/${runtime.orgId}/${ticket.id}/${created.body.attachmentId}`)).status).toBe(403);

    const detail = await customer.get(`/v1/tickets/${ticket.id}`);
    expect(detail.body.messages.at(-1).attachments).toEqual(reply.body.attachments);
    expect(detail.body.lastMessageAt).toBe(reply.body.createdAt);
  });

  it('opens a ticket with a draft upload as the first message\'s file', async () => {
    const draft = await upload(customer, undefined, Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 'application/pdf', 'invoice.pdf');
    const created = await customer.post('/v1/tickets', { subject: 'Invoice wrong', description: 'See the PDF', attachmentIds: [draft.attachmentId] });
    expect(created.status).toBe(201);
    const detail = await customer.get(`/v1/tickets/${created.body.id}`);
    expect(detail.body.messages).toEqual([expect.objectContaining({ body: 'See the PDF', attachments: [expect.objectContaining({ id: draft.attachmentId, filename: 'invoice.pdf' })] })]);
    expect((await download(runtime.tokens.agent, created.body.id, draft.attachmentId)).status).toBe(302);
  });

  it('refuses at the slot: over the size limit, executables by name and by declared type (422 with a pointer)', async () => {
    const ticket = await carlasTicket();
    const cases = [
      [{ filename: 'big.pdf', contentType: 'application/pdf', size: 25 * 1024 * 1024 + 1 }, '#/size'],
      [{ filename: 'setup.exe', contentType: 'application/octet-stream', size: 100 }, '#/filename'],
      [{ filename: 'install.ps1', contentType: 'text/plain', size: 100 }, '#/filename'],
      [{ filename: 'readme', contentType: 'application/x-msdownload', size: 100 }, '#/contentType'],
    ] as const;
    for (const [file, pointer] of cases) {
      const refused = await slot(customer, ticket.id, file);
      expect(refused.status, file.filename).toBe(422);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body).toMatchObject({ type: expect.stringContaining('attachment-refused'), errors: [{ pointer }] });
    }
    expect((await slot(customer, ticket.id, { filename: 'a.png', contentType: 'image/png', size: 0 })).body.errors).toEqual([expect.objectContaining({ pointer: '#/size' })]);
  });

  it('refuses at upload what the policy does not allow: more bytes than declared, another type', async () => {
    const ticket = await carlasTicket();
    const { body } = await slot(customer, ticket.id, { filename: 'a.png', contentType: 'image/png', size: 100 });
    const larger = await postForm(body.upload, Buffer.alloc(101), 'image/png');
    expect(larger.status).toBe(400);
    expect(larger.text).toContain('EntityTooLarge');
    const form = new FormData();
    for (const [name, value] of Object.entries(body.upload.fields as Record<string, string>)) form.append(name, name === 'Content-Type' ? 'text/html' : value);
    form.append('file', new Blob([Buffer.alloc(100)]), 'a.html');
    const retyped = await fetch(body.upload.url, { method: 'POST', body: form });
    expect(retyped.status).toBe(403);
    const attach = await customer.post(`/v1/tickets/${ticket.id}/messages`, { body: 'x', attachmentIds: [body.attachmentId] });
    expect(attach.status).toBe(422);
    expect(attach.body).toMatchObject({ reason: 'not-uploaded', errors: [{ pointer: '#/attachmentIds/0' }] });
  });

  it('refuses at attach content that is not what it claims, and a program in disguise; nothing is written', async () => {
    const ticket = await carlasTicket();
    const fake = await upload(customer, ticket.id, Buffer.from('this is text, not a picture'), 'image/png', 'cat.png');
    const program = await upload(customer, ticket.id, Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(300)]), 'application/pdf', 'invoice.pdf');
    const pdfAsPng = await upload(customer, ticket.id, Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'image/png', 'scan.png');
    const before = await agent.get(`/v1/tickets/${ticket.id}`);
    for (const [id, reason] of [[fake.attachmentId, 'type-mismatch'], [program.attachmentId, 'executable'], [pdfAsPng.attachmentId, 'type-mismatch']]) {
      const refused = await customer.post(`/v1/tickets/${ticket.id}/messages`, { body: 'files', attachmentIds: [id] });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ reason, errors: [{ pointer: '#/attachmentIds/0' }] });
    }
    const after = await agent.get(`/v1/tickets/${ticket.id}`);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(after.body.messages).toHaveLength(0);
  });

  it('answers 404 for an id of another ticket, another uploader or another organization', async () => {
    const first = await carlasTicket();
    const second = await carlasTicket();
    const onFirst = await upload(customer, first.id);
    expect((await customer.post(`/v1/tickets/${second.id}/messages`, { body: 'x', attachmentIds: [onFirst.attachmentId] })).status).toBe(404);
    expect((await agent.post(`/v1/tickets/${first.id}/messages`, { body: 'x', attachmentIds: [onFirst.attachmentId] })).status).toBe(404);
    expect((await customer.post('/v1/tickets', { subject: 's', description: 'd', attachmentIds: [onFirst.attachmentId] })).status).toBe(404);
    expect((await otherAgent.post(`/v1/tickets/${first.id}/attachments`, { filename: 'a.png', contentType: 'image/png', size: 3 })).status).toBe(404);
    expect((await customer2.post(`/v1/tickets/${first.id}/attachments`, { filename: 'a.png', contentType: 'image/png', size: 3 })).status).toBe(404);
    await customer.post(`/v1/tickets/${first.id}/messages`, { body: 'mine', attachmentIds: [onFirst.attachmentId] });
    expect((await download(runtime.tokens.agent, second.id, onFirst.attachmentId)).status).toBe(404);
    expect((await download(runtime.otherOrg.tokens.agent, first.id, onFirst.attachmentId)).status).toBe(404);
    expect((await download(runtime.tokens.customer2, first.id, onFirst.attachmentId)).status).toBe(404);
  });

  it('never lets a customer download an internal note\'s file, nor see the note', async () => {
    const ticket = await carlasTicket();
    const log = await upload(agent, ticket.id, Buffer.from('2026-11-29 ERROR stack trace\n'), 'text/plain', 'server.log');
    const note = await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Internal log', internal: true, attachmentIds: [log.attachmentId] });
    expect(note.status).toBe(201);
    const agentGot = await download(runtime.tokens.agent, ticket.id, log.attachmentId);
    expect(agentGot.bytes!.toString()).toBe('2026-11-29 ERROR stack trace\n');
    expect(agentGot.file!.headers.get('content-type')).toBe('text/plain');
    const customerGot = await download(runtime.tokens.customer, ticket.id, log.attachmentId);
    expect(customerGot.status).toBe(404);
    expect(JSON.stringify((await customer.get(`/v1/tickets/${ticket.id}`)).body)).not.toContain(log.attachmentId);
    expect(JSON.stringify((await customer.get(`/v1/tickets/${ticket.id}/messages`)).body)).not.toContain('Internal log');
  });
});

describe('messages over HTTP', () => {
  it('pages a thread with limit, cursor and order; a bad cursor is a 400 naming it', async () => {
    const ticket = await carlasTicket();
    for (let i = 0; i < 5; i++) await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: `m${i}`, internal: i === 2 });
    const first = await agent.get(`/v1/tickets/${ticket.id}/messages?limit=2`);
    expect(first.body.items.map((m: { body: string }) => m.body)).toEqual(['m0', 'm1']);
    const second = await agent.get(`/v1/tickets/${ticket.id}/messages?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((m: { body: string }) => m.body)).toEqual(['m2', 'm3']);
    const newest = await customer.get(`/v1/tickets/${ticket.id}/messages?order=desc&limit=10`);
    expect(newest.body).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(newest.body.items.map((m: { body: string }) => m.body)).toEqual(['m4', 'm3', 'm1', 'm0']);
    const bad = await agent.get(`/v1/tickets/${ticket.id}/messages?cursor=${first.body.nextCursor}&order=desc`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ parameter: 'cursor' })]);
    expect((await otherAgent.get(`/v1/tickets/${ticket.id}/messages`)).status).toBe(404);
    expect((await agent.get(`/v1/tickets/${ticket.id}`)).body.olderMessages).toBeNull();
  });

  it('replies and resolves in one call: one transaction, one new version', async () => {
    const ticket = await carlasTicket();
    const reply = await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Replaced the fuser', status: 'resolved' });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('etag')).toBe('"2"');
    const detail = await agent.get(`/v1/tickets/${ticket.id}`);
    expect(detail.body).toMatchObject({ status: 'resolved', version: 2, resolution: { text: 'Replaced the fuser' }, firstResponseAt: reply.body.createdAt });
    const illegal = await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'x', status: 'new' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.allowed).toEqual(expect.arrayContaining(['open', 'closed']));
    expect((await customer.post(`/v1/tickets/${ticket.id}/messages`, { body: 'x', status: 'closed' })).status).toBe(403);
    expect((await agent.get(`/v1/tickets/${ticket.id}`)).body.version).toBe(2);
  });

  it('lets the requester close a resolved ticket, and not an open one or someone else\'s', async () => {
    const ticket = await carlasTicket();
    expect((await customer.post(`/v1/tickets/${ticket.id}/close`)).status).toBe(409);
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Done', status: 'resolved' });
    expect((await customer2.post(`/v1/tickets/${ticket.id}/close`)).status).toBe(404);
    expect((await agent.post(`/v1/tickets/${ticket.id}/close`)).status).toBe(403);
    const closed = await customer.post(`/v1/tickets/${ticket.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', version: 3 });
    expect(closed.headers.get('etag')).toBe('"3"');
  });

  it('puts the message on its event; a customer\'s socket never gets a note', async () => {
    const ticket = await carlasTicket();
    const socket = await WsClient.open(runtime.tokens.customer);
    try {
      await socket.request({ action: 'subscribe', ticketId: ticket.id }, 'subscribed');
      const file = await upload(agent, ticket.id, PNG);
      await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'secret note', internal: true });
      await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: `Public ${'x'.repeat(40 * 1024)}`, attachmentIds: [file.attachmentId] });
      const events = await eventually(async () => {
        const { body } = await agent.get(`/v1/dev/events?ticketId=${ticket.id}`);
        const found = body.items.filter((e: { 'detail-type': string }) => e['detail-type'].endsWith('.added'));
        expect(found).toHaveLength(2);
        return found;
      }, EVENT_WAIT_MS); // the stream pump lags when the whole suite writes at once
      expect(events[0].detail).toMatchObject({ type: 'ticket.note.added', internal: true, data: { message: { body: 'secret note', authorRole: 'agent', authorName: 'Alex Agent', attachments: [] } } });
      const publicMessage = events[1].detail.data.message;
      expect(publicMessage).toMatchObject({ truncated: true, authorRole: 'agent', attachments: [{ id: file.attachmentId, filename: 'screen.png', contentType: 'image/png', size: PNG.length }] });
      expect(Buffer.byteLength(publicMessage.body)).toBe(32 * 1024);
      const frame = await socket.next((f) => f.type === 'ticket.message.added' && f.data.ticketId === ticket.id, 0, EVENT_WAIT_MS);
      expect(frame.data.data.message.attachments[0].id).toBe(file.attachmentId);
      expect(ticketEvents(socket, ticket.id, 'ticket.note.added')).toEqual([]);
      expect(JSON.stringify(socket.frames)).not.toContain('secret note');
    } finally {
      await socket.close();
    }
  }, 3 * EVENT_WAIT_MS);
});

describe('the per-customer create limit', () => {
  it('gives a customer 429 with Retry-After past the hourly limit, staff are not limited, and the next hour is open again', async () => {
    // The other organization keeps the default limit (the shared e2e runtime raises the demo
    // organization's); the clock moves on an hour at the end, so the full window blocks no one else.
    const dan = api(runtime.otherOrg.tokens.customer);
    const otherAgent = api(runtime.otherOrg.tokens.agent);
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof dan.post>> | undefined;
    for (let i = 0; i < 11 && !refused; i++) {
      const res = await dan.post('/v1/tickets', { subject: `Limit ${i}`, description: 'd' });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    try {
      expect(refused).toBeDefined();
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
      expect(refused!.headers.get('content-type')).toBe('application/problem+json');
      const retryAfter = Number(refused!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(refused!.body).toMatchObject({ status: 429, type: expect.stringContaining('too-many-tickets'), limit: 10, retryAfter });
      expect((await dan.post('/v1/tickets', { subject: 'again', description: 'd' })).status).toBe(429);
      const staff = await otherAgent.post('/v1/tickets', newTicket({ requester: { email: 'dan@other.example' } }));
      expect(staff.status).toBe(201);
    } finally {
      await api(runtime.tokens.admin).post('/v1/dev/clock', { seconds: 3600 }); // the shared clock: admins only
    }
    expect((await dan.post('/v1/tickets', { subject: 'Next hour', description: 'd' })).status).toBe(201);
  });
});

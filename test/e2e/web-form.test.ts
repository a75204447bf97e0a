import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/http-client';
import { eventually } from '../support/eventually';

const runtime = inject('runtime');
const slug = runtime.orgSlug as string;
const anonymous = api();
const agent = api(runtime.tokens.agent);
const admin = api(runtime.tokens.admin);
const otherAdmin = api(runtime.otherOrg.tokens.admin);
const unique = (tag: string) => `${tag}.${randomUUID().slice(0, 8)}@web-e2e.example`;
const form = (over: Record<string, unknown> = {}) => ({
  name: 'Wendy Web', email: unique('wendy'), subject: 'Cannot export', description: 'The CSV export is empty.', ...over,
});
const submit = (body: unknown, to = slug) => anonymous.post(`/v1/public/orgs/${to}/tickets`, body);
const tokenOf = (trackingUrl: string) => new URL(trackingUrl).pathname.split('/').pop()!;
const clockHour = async () => (await agent.get('/v1/dev/clock')).body.now.slice(0, 13) as string;

/** Runs `attempt` until it ran inside one clock hour: other test files move the local clock forward. */
async function inOneHour<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    const before = await clockHour();
    const result = await attempt();
    if ((await clockHour()) === before || i === 3) return result;
  }
}

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'), Buffer.alloc(1500, 0x5a)]);

/** Opens a slot on the public form and posts the file with its form, as the embedded form does. */
async function uploadToForm(content: Buffer, contentType: string, filename: string, to = slug) {
  const created = await anonymous.post(`/v1/public/orgs/${to}/attachments`, { filename, contentType, size: content.length });
  if (created.status !== 201) return { created };
  const fields = new FormData();
  for (const [name, value] of Object.entries(created.body.upload.fields as Record<string, string>)) fields.append(name, value);
  fields.append('file', new Blob([content], { type: contentType }), filename);
  const posted = await fetch(created.body.upload.url, { method: created.body.upload.method, body: fields });
  return { created, posted: posted.status };
}

describe('files sent with the public form', () => {
  it('uploads without a login, sends the file with the request, and staff download the same bytes; a used upload cannot be sent again', async () => {
    const { created, posted } = await uploadToForm(PNG, 'image/png', 'screenshot.png');
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe('*');
    expect(posted).toBe(204);
    const email = unique('files');
    const sent = await submit(form({ email, attachmentIds: [created.body.attachmentId] }));
    expect(sent.status).toBe(201);
    const { body: ticket } = await agent.get(`/v1/tickets/by-number/${sent.body.number}`);
    const { body: thread } = await agent.get(`/v1/tickets/${ticket.id}/messages`);
    const first = thread.items[0];
    expect(first.attachments).toEqual([expect.objectContaining({ id: created.body.attachmentId, filename: 'screenshot.png', contentType: 'image/png', size: PNG.length })]);
    const res = await fetch(`${runtime.httpUrl}/v1/tickets/${ticket.id}/attachments/${created.body.attachmentId}`, {
      headers: { authorization: `Bearer ${runtime.tokens.agent}` }, redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(Buffer.from(await (await fetch(res.headers.get('location')!)).arrayBuffer()).equals(PNG)).toBe(true);

    const again = await submit(form({ email: unique('again'), attachmentIds: [created.body.attachmentId] }));
    expect(again.status).toBe(422);
    expect(again.body.errors[0].pointer).toBe('#/attachmentIds/0');
  });

  it('refuses programs, files whose content is not what they claim, and unknown forms, and opens no ticket', async () => {
    const exe = await anonymous.post(`/v1/public/orgs/${slug}/attachments`, { filename: 'invoice.exe', contentType: 'application/octet-stream', size: 100 });
    expect(exe.status).toBe(422);
    expect(exe.body.errors[0].pointer).toBe('#/filename');
    expect((await anonymous.post('/v1/public/orgs/no-such-org/attachments', { filename: 'a.png', contentType: 'image/png', size: 10 })).status).toBe(404);
    expect((await anonymous.post(`/v1/public/orgs/${slug}/attachments`, { filename: 'a.png', contentType: 'image/png' })).status).toBe(400);

    const fake = await uploadToForm(Buffer.from('MZ this is not a png at all, it is a program'), 'image/png', 'photo.png');
    expect(fake.posted).toBe(204);
    const email = unique('fake');
    const sent = await submit(form({ email, attachmentIds: [fake.created.body.attachmentId] }));
    expect(sent.status).toBe(422);
    expect(sent.body.errors[0].pointer).toBe('#/attachmentIds/0');
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}`)).body.items).toEqual([]);
  });
});

describe('public web form', () => {
  it('serves the form configuration of a slug, with CORS for any origin', async () => {
    const res = await anonymous.get(`/v1/public/orgs/${slug}/form`, { origin: 'https://shop.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body).toMatchObject({
      org: { slug, name: 'Demo Support' },
      branding: { name: 'Demo Support', colour: expect.stringMatching(/^#[0-9a-f]{6}$/i) },
      // The demo organization's catalog (bin/local/seed-team.ts): its categories and the custom field marked visible.
      categories: expect.arrayContaining([{ id: 'billing', name: 'Billing' }, { id: 'invoices', name: 'Billing › Invoices' }, { id: 'account', name: 'Account' }]),
      customFields: [{ name: 'plan', label: 'Plan', type: 'select', required: false, options: ['free', 'pro', 'enterprise'].map((v) => ({ value: v, label: v })) }],
      limits: { perEmailPerHour: 10, perIpPerHour: expect.any(Number), subjectMaxLength: 250 },
      captcha: null,
    });
    expect((await anonymous.get('/v1/public/orgs/no-such-org/form')).status).toBe(404);
    expect((await anonymous.get('/v1/public/orgs/Not_A_Slug!/form')).body.errors[0].parameter).toBe('slug');
  });

  it('answers the CORS preflight on public routes only', async () => {
    const { httpUrl } = runtime;
    const preflight = await fetch(`${httpUrl}/v1/public/orgs/${slug}/tickets`, {
      method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const staffPreflight = await fetch(`${httpUrl}/v1/tickets`, { method: 'OPTIONS', headers: { origin: 'https://shop.example' } });
    expect(staffPreflight.status).toBe(404);
    expect(staffPreflight.headers.get('access-control-allow-origin')).toBeNull();
    const staffGet = await agent.get('/v1/tickets?limit=1', { origin: 'https://shop.example' });
    expect(staffGet.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens a web ticket: 201 with number and tracking link; staff see it on the web channel', async () => {
    const body = form({ category: 'billing', customFields: { plan: 'pro' } });
    const res = await submit(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ number: expect.stringMatching(/^TKT-\d{4}-\d{6}$/), trackingUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/track\/[A-Za-z0-9_-]{43}$/) });
    const ticket = (await agent.get(`/v1/tickets/by-number/${res.body.number}`)).body;
    expect(ticket).toMatchObject({
      subject: body.subject, description: body.description, channel: 'web', status: 'new', priority: 'medium',
      category: 'billing', customFields: { plan: 'pro' }, requester: { name: 'Wendy Web', email: body.email },
    });
  });

  it('mails the requester a confirmation with the tracking link', async () => {
    const body = form();
    const { trackingUrl, number } = (await submit(body)).body;
    const mail = await eventually(async () => {
      const { body: outbox } = await agent.get(`/v1/dev/outbox?to=${encodeURIComponent(body.email)}`);
      expect(outbox.items).toHaveLength(1);
      return simpleParser(outbox.items[0].raw);
    });
    expect(mail.subject).toBe(`[${number}] We received your request: ${body.subject}`);
    expect(mail.text).toContain(trackingUrl);
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
  });

  it('refuses bad input with problem details naming the fields, and writes nothing', async () => {
    const email = unique('bad');
    const res = await submit({ name: '', email: 'nope', subject: 'x', description: 'y', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['#/email', '#/extra', '#/name']);
    const attach = await submit(form({ email, attachmentIds: ['01J000000000000000000000AA'] }));
    expect(attach.status).toBe(422);
    expect(attach.body.errors[0].pointer).toBe('#/attachmentIds/0');
    expect((await agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}`)).body.items).toEqual([]);
    expect((await submit(form(), 'no-such-org')).status).toBe(404);
  });

  it('limits one email to 10 tickets an hour: the 11th is a 429 with Retry-After', async () => {
    const outcome = await inOneHour(async () => {
      const email = unique('busy');
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await submit(form({ email, subject: `Request ${i}` }))).status);
      return { statuses, eleventh: await submit(form({ email })), other: await submit(form()) };
    });
    expect(outcome.statuses).toEqual(Array(10).fill(201));
    expect(outcome.eleventh.status).toBe(429);
    expect(outcome.eleventh.headers.get('content-type')).toBe('application/problem+json');
    expect(outcome.eleventh.body).toMatchObject({ type: 'https://helpdesk.dev/problems/rate-limited', status: 429, limit: 10 });
    const retryAfter = Number(outcome.eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(outcome.eleventh.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(outcome.other.status).toBe(201); // another address is not affected
  });

  it('limits one source IP per organization (perIpPerHour, set by the admin)', async () => {
    const otherSlug = runtime.otherOrgSlug as string;
    const put = await otherAdmin.put('/v1/web-form', { slug: otherSlug, brandName: 'Other Company', perIpPerHour: 3 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ slug: otherSlug, perIpPerHour: 3, embedSnippet: expect.stringContaining(`data-org="${otherSlug}"`) });
    const outcome = await inOneHour(async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await submit(form(), otherSlug)).status);
      return { statuses, demo: await submit(form()) };
    });
    // The window may already hold an earlier attempt's requests: past the limit every one is refused.
    expect(outcome.statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(3);
    expect(outcome.statuses.at(-1)).toBe(429);
    expect(outcome.demo.status).toBe(201); // another organization's window
  });

  it('keeps slugs unique: another organization cannot take one', async () => {
    const res = await otherAdmin.put('/v1/web-form', { slug, brandName: 'Impostor' });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('https://helpdesk.dev/problems/slug-taken');
    expect((await anonymous.get(`/v1/public/orgs/${slug}/form`)).body.org.name).toBe('Demo Support');
    expect((await admin.get('/v1/web-form')).body).toMatchObject({ slug, brandName: 'Demo Support' });
    expect((await agent.put('/v1/web-form', { slug: 'mine', brandName: 'x' })).status).toBe(403);
  });
});

describe('public tracking', () => {
  async function tracked() {
    const body = form();
    const { number, trackingUrl } = (await submit(body)).body;
    const ticket = (await agent.get(`/v1/tickets/by-number/${number}`)).body;
    return { number, token: tokenOf(trackingUrl), ticket, email: body.email };
  }

  it('shows number, subject, status and public messages: never notes, never staff ids', async () => {
    const { number, token, ticket } = await tracked();
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Looking into it now.' });
    await agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Secret: customer is on the legacy plan', internal: true });
    const res = await anonymous.get(`/v1/public/track/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body).toMatchObject({ number, subject: 'Cannot export', status: 'open', canReply: true, canRate: false });
    expect(res.body.messages).toEqual([
      { id: expect.any(String), body: 'Looking into it now.', from: 'support', authorName: 'Alex Agent', createdAt: expect.any(String) },
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('Secret');
    expect(text).not.toContain(runtime.users.agent.id);
    expect(text).not.toContain(ticket.id);
  });

  it('takes the requester\'s reply and rating through the token', async () => {
    const { token, ticket } = await tracked();
    const reply = await anonymous.post(`/v1/public/track/${token}/messages`, { body: 'It happens on Firefox too.' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ body: 'It happens on Firefox too.', from: 'customer', authorName: 'Wendy Web' });
    const thread = (await agent.get(`/v1/tickets/${ticket.id}`)).body;
    expect(thread.messages.at(-1)).toMatchObject({ body: 'It happens on Firefox too.', channel: 'web', internal: false, author: { role: 'customer' } });

    expect((await anonymous.post(`/v1/public/track/${token}/rating`, { score: 5 })).status).toBe(422); // not resolved yet
    const current = (await agent.get(`/v1/tickets/${ticket.id}`)).headers.get('etag')!;
    const resolved = await agent.patch(`/v1/tickets/${ticket.id}`, { status: 'resolved', resolution: 'Fixed in 2.3' }, { 'if-match': current });
    expect(resolved.status).toBe(200);
    const rated = await anonymous.post(`/v1/public/track/${token}/rating`, { score: 4, comment: 'Quick' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ score: 4, comment: 'Quick' });
    expect((await anonymous.post(`/v1/public/track/${token}/rating`, { score: 1 })).status).toBe(409);
    expect((await anonymous.get(`/v1/public/track/${token}`)).body).toMatchObject({ status: 'resolved', canRate: false, rating: { score: 4, comment: 'Quick' } });
  });

  it('answers a wrong, malformed or altered token with the same 404 on every route', async () => {
    const { token } = await tracked();
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const wrong of [altered, 'x', 'a'.repeat(43), encodeURIComponent('../../v1/tickets')]) {
      const get = await anonymous.get(`/v1/public/track/${wrong}`);
      expect(get.status).toBe(404);
      expect(get.body).toMatchObject({ type: 'https://helpdesk.dev/problems/not-found', detail: 'tracking page for this link does not exist' });
      expect((await anonymous.post(`/v1/public/track/${wrong}/messages`, { body: 'hi' })).status).toBe(404);
      expect((await anonymous.post(`/v1/public/track/${wrong}/rating`, { score: 3 })).status).toBe(404);
    }
  });

  it('a wrong token does the same table reads as a right one (no timing tells them apart)', async () => {
    const { token } = await tracked();
    const wrong = `${'Z'.repeat(42)}A`;
    // The runtime's meter counts each DynamoDB call by its caller: the public-intake route group
    // serves only this request while it runs (the e2e files run one at a time).
    const readsOf = async (t: string) => {
      const meter = async () => (await agent.get('/v1/dev/capacity')).body.commands as Record<string, { calls: number; read: number }>;
      const before = await meter();
      await anonymous.get(`/v1/public/track/${t}`);
      const after = await meter();
      return Object.fromEntries(Object.keys(after).filter((k) => k.startsWith('http:public-intake '))
        .map((k) => [k, after[k]!.calls - (before[k]?.calls ?? 0)]).filter(([, calls]) => calls !== 0));
    };
    const right = await readsOf(token);
    expect(Object.keys(right).length).toBeGreaterThan(0);
    expect(await readsOf(wrong)).toEqual(right);
  });

  it('serves the tracking page the link opens: the embed script in tracking mode, no referrer', async () => {
    const { token } = await tracked();
    const res = await fetch(`${runtime.httpUrl}/track/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await res.text()).toContain(`<script src="/embed/tickets.js" data-track="${token}"></script>`);
    const script = await fetch(runtime.embedUrl as string);
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(await script.text()).toContain('attachShadow');
  });
});

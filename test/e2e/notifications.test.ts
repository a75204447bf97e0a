import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';

/*
 * Every notification through its real entry point (HTTP, SMTP, timers), read back from the
 * local outbox. All e2e files share the runtime and its clock: these tests use their own
 * tickets and addresses, assert on what happened, and prove an absence only behind a later
 * mail of the same ticket (the event pump delivers a ticket's events in order).
 */
const runtime = inject('runtime');
const demo = { admin: api(runtime.tokens.admin), agent: api(runtime.tokens.agent), agent2: api(runtime.tokens.agent2), customer: api(runtime.tokens.customer) };
const other = { admin: api(runtime.otherOrg.tokens.admin), agent: api(runtime.otherOrg.tokens.agent), customer: api(runtime.otherOrg.tokens.customer) };
const anonymous = api();
const users = runtime.users as Record<string, { id: string; email: string }>;
/** Clock moves in other files fire every ticket's timers at once: the pump may be minutes behind. */
const SLOW = 120_000;
/**
 * A move of the shared runtime's dev clock by days fires the timers of every ticket the files
 * before this one made (SLA breaches, escalations, auto-closes, surveys: hundreds): this ticket's
 * mail waits its turn behind them.
 */
const AFTER_CLOCK_MOVE = 4 * SLOW;
const unique = (tag: string) => `${tag}.${randomUUID().slice(0, 8)}@notify-e2e.example`;

async function mailsTo(to: string, about: string): Promise<ParsedMail[]> {
  // The outbox shows each organization its own mail: ask as an agent of both.
  const pages = await Promise.all([demo.agent, other.agent].map((agent) => agent.get(`/v1/dev/outbox?to=${encodeURIComponent(to)}`)));
  const items = pages.flatMap(({ body }) => body.items as { raw: string; sentAt: string }[]).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  // Only mails that mention the ticket are parsed (the subject carries its number).
  const parsed = await Promise.all(items.filter((item) => item.raw.includes(about)).map((item) => simpleParser(item.raw)));
  return parsed.filter((mail) => (mail.subject ?? '').includes(about));
}
/** Waits for the `count`-th mail to `to` whose subject has `about` (a ticket number) and `kind`. */
async function mailOf(to: string, about: string, kind: string, count = 1, within = SLOW): Promise<ParsedMail> {
  return eventually(async () => {
    const found = (await mailsTo(to, about)).filter((m) => m.subject!.includes(kind));
    expect(found.length).toBeGreaterThanOrEqual(count);
    return found[count - 1];
  }, within, 500);
}
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');

function expectAutomatic(mail: ParsedMail) {
  expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  expect(mail.text?.trim()).toBeTruthy();
  expect(mail.html).toContain('<p>');
}

describe('confirmation mail for tickets opened over the API', () => {
  it('confirms a customer\'s own ticket by default; a staff-created one only when the organization says so', async () => {
    // Customers may open 10 tickets an hour: the other organization's customer has room to spare.
    const created = await other.customer.post('/v1/tickets', newTicket({ requester: undefined, subject: 'Confirm my own' }));
    expect(created.status).toBe(201);
    const own = created.body;
    const confirmation = await mailOf(own.requester.email, own.number, 'We received your request');
    expectAutomatic(confirmation);
    expect(header(confirmation, 'list-unsubscribe')).toBeUndefined();

    const requester = unique('staff-made');
    const { body: staffMade } = await demo.agent.post('/v1/tickets', newTicket({ requester: { name: 'Sam', email: requester } }));
    await demo.agent.post(`/v1/tickets/${staffMade.id}/messages`, { body: 'We opened this for you.' });
    await mailOf(requester, staffMade.number, 'Re:');
    expect((await mailsTo(requester, staffMade.number)).map((m) => m.subject)).toEqual([`[${staffMade.number}] Re: ${staffMade.subject}`]);

    expect((await demo.agent.put('/v1/notification-settings', { confirmation: { customerCreated: true, staffCreated: true }, surveys: true })).status).toBe(403);
    const invalid = await demo.admin.put('/v1/notification-settings', { confirmation: { customerCreated: 'yes' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['#/confirmation/customerCreated', '#/surveys']));
    const before = (await demo.admin.get('/v1/notification-settings')).body;
    expect(before).toEqual({ confirmation: { customerCreated: true, staffCreated: false }, surveys: true });
    // Turning staff-created confirmations on is stored, read back, and mails the next staff-made ticket.
    try {
      const on = { ...before, confirmation: { customerCreated: true, staffCreated: true } };
      expect((await demo.admin.put('/v1/notification-settings', on)).status).toBe(200);
      expect((await demo.admin.get('/v1/notification-settings')).body).toEqual(on);
      const second = unique('staff-made');
      const { body: confirmed } = await demo.agent.post('/v1/tickets', newTicket({ requester: { name: 'Sam', email: second } }));
      // Any subject: the demo organization's mailboxes (and their templates) change in email.test.ts.
      const confirmation = await mailOf(second, confirmed.number, '', 1, 2.5 * SLOW);
      expectAutomatic(confirmation);
      expect(confirmation.subject).not.toContain('Re:');
      expect(confirmation.subject).toContain(confirmed.subject);
      expect(confirmation.text).toContain(confirmed.number);
    } finally {
      await demo.admin.put('/v1/notification-settings', before);
    }
  }, 3 * SLOW);
});

describe('agent mail', () => {
  it('mails an agent on assignment and on a customer reply, with the ticket link, until they turn it off', async () => {
    const agent2 = users.agent2.email;
    // Opened by staff for the customer (no hourly customer limit); the customer writes on it as its requester.
    const { body: ticket } = await demo.agent.post('/v1/tickets', newTicket({ requester: { name: 'Customer', email: users.customer.email }, subject: 'For agent two' }));
    const assigned = await demo.agent.patch(`/v1/tickets/${ticket.id}`, { assigneeId: users.agent2.id }, { 'if-match': '"1"' });
    expect(assigned.status).toBe(200);
    const assignment = await mailOf(agent2, ticket.number, 'Assigned to you');
    expect(assignment.text).toContain(`/tickets/${ticket.id}`);
    expect(assignment.replyTo).toBeUndefined();
    expectAutomatic(assignment);

    await demo.customer.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Any news on this?' });
    const reply = await mailOf(agent2, ticket.number, 'Customer replied');
    expect(reply.text).toContain('Any news on this?');

    expect((await demo.customer.put('/v1/me/mail-notifications', { mailNotifications: 'off' })).status).toBe(403);
    expect((await demo.agent2.put('/v1/me/mail-notifications', { mailNotifications: 'sometimes' })).status).toBe(400);
    expect((await demo.agent2.put('/v1/me/mail-notifications', { mailNotifications: 'off' })).body).toEqual({ mailNotifications: 'off' });
    try {
      await demo.customer.post(`/v1/tickets/${ticket.id}/messages`, { body: 'Hello again?' });
      await demo.agent2.post(`/v1/tickets/${ticket.id}/messages`, { body: 'On it.' });
      await mailOf(users.customer.email, ticket.number, 'Re:'); // after the customer's second reply was handled
      expect((await mailsTo(agent2, ticket.number)).filter((m) => m.subject!.includes('Customer replied'))).toHaveLength(1);
      const listed = (await demo.admin.get('/v1/users')).body.items.find((u: { id: string }) => u.id === users.agent2.id);
      expect(listed.mailNotifications).toBe('off');
    } finally {
      await demo.agent2.put('/v1/me/mail-notifications', { mailNotifications: 'immediate' });
    }
  }, 3 * SLOW);
});

describe('bulk mail over SMTP', () => {
  it('opens a ticket for a newsletter but sends no confirmation back', async () => {
    const from = unique('newsletter');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: runtime.smtpPort as number, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from, to: runtime.supportAddress as string, subject: 'Our November deals', text: 'Big sale!',
      headers: { Precedence: 'bulk', 'List-Unsubscribe': '<https://news.example/u/1>' },
    });
    const ticket = await eventually(async () => {
      const { body } = await demo.agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(from)}`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    });
    expect(ticket.tags).toContain('mail-automated');
    await demo.agent.post(`/v1/tickets/${ticket.id}/messages`, { body: 'A person answers.' });
    await mailOf(from, ticket.number, 'Re:');
    expect((await mailsTo(from, ticket.number)).map((m) => m.subject)).toEqual([`[${ticket.number}] Re: Our November deals`]);
  });
});

describe('time-driven customer mail', () => {
  const advanceTo = async (at: string) => {
    const now = Date.parse((await other.admin.get('/v1/dev/clock')).body.now);
    const seconds = Math.ceil((Date.parse(at) - now) / 1000) + 1;
    if (seconds > 0) expect((await other.admin.post('/v1/dev/clock', { seconds })).status).toBe(200);
  };
  const schedule = (ticketId: string, name: RegExp) => eventually(async () => {
    const pending = (await other.agent.get(`/v1/dev/schedules?ticketId=${ticketId}`)).body.pending as { name: string; at: string }[];
    const found = pending.filter((s) => name.test(s.name));
    expect(found.length).toBeGreaterThan(0);
    return found[0];
  }, SLOW);

  it('mails the auto-close warning, then the survey whose link rates once without signing in, and unsubscribes', async () => {
    const { body: ticket } = await other.customer.post('/v1/tickets', newTicket({ requester: undefined, priority: 'low', subject: 'Survey me' }));
    const to = ticket.requester.email as string;
    expect((await other.agent.patch(`/v1/tickets/${ticket.id}`, { status: 'waiting_on_customer' }, { 'if-match': '"1"' })).status).toBe(200);

    await advanceTo((await schedule(ticket.id, /^ac-.*-w-/)).at);
    const warning = await mailOf(to, ticket.number, 'Still need help?', 1, AFTER_CLOCK_MOVE);
    expectAutomatic(warning);
    expect(warning.text).toContain('closed automatically');
    expect(warning.inReplyTo).toBeTruthy(); // threaded on the confirmation

    await advanceTo((await schedule(ticket.id, /^ac-.*-c-/)).at);
    await eventually(async () => expect((await other.agent.get(`/v1/tickets/${ticket.id}`)).body.status).toBe('closed'), AFTER_CLOCK_MOVE);
    await advanceTo((await schedule(ticket.id, /^sv-/)).at);
    const survey = await mailOf(to, ticket.number, 'How did we do?', 1, AFTER_CLOCK_MOVE);
    expectAutomatic(survey);
    const links = [...(survey.text ?? '').matchAll(/https?:\/\/\S+\/v1\/public\/survey\?token=([^&\s]+)&score=(\d)/g)];
    expect(links.map((l) => l[2])).toEqual(['5', '4', '3', '2', '1']);
    const token = links[0][1];
    const unsubscribeUrl = /^<(.+)>$/.exec(header(survey, 'list-unsubscribe') ?? '')![1];
    expect(header(survey, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const page = await fetch(`${runtime.httpUrl}/v1/public/survey?token=${token}&score=4`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(ticket.number);
    expect((await anonymous.post('/v1/public/survey', { token: `${token.slice(0, -3)}abc`, score: 4 })).status).toBe(422);
    expect((await anonymous.post('/v1/public/survey', { token, score: 9 })).status).toBe(400);
    const rated = await anonymous.post('/v1/public/survey', { token, score: 4, comment: 'Quick' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ ticketNumber: ticket.number, rating: { score: 4, comment: 'Quick' } });
    const again = await anonymous.post('/v1/public/survey', { token, score: 1 });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/already-rated$/);
    const { body: view } = await other.customer.get(`/v1/tickets/${ticket.id}`);
    expect(view.rating).toEqual({ score: 4, comment: 'Quick', at: rated.body.rating.at });

    expect((await fetch(unsubscribeUrl)).status).toBe(200); // the page alone changes nothing
    const oneClick = await fetch(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain(to);
    expect((await fetch(`${runtime.httpUrl}/v1/public/unsubscribe?token=${token}`, { method: 'POST' })).status).toBe(422); // a survey token is no unsubscribe token
  }, 14 * SLOW);
});

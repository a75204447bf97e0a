import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTicketFromChat } from '../../../../functions/domain/chat/create-ticket-from-chat';
import { NotFoundError } from '../../../../functions/domain/errors';
import type { CaptchaVerifier } from '../../../../functions/domain/intake/captcha';
import { CaptchaRefusedError, RateLimitedError, SlugTakenError } from '../../../../functions/domain/intake/errors';
import { hourWindowOf, takeSubmission } from '../../../../functions/domain/intake/rate-limits';
import { submitWebTicket } from '../../../../functions/domain/intake/submit-web-ticket';
import { rateByToken, replyByToken, trackTicket } from '../../../../functions/domain/intake/track-ticket';
import { hashTrackingToken } from '../../../../functions/domain/intake/tracking-token';
import { sendWebConfirmation } from '../../../../functions/domain/intake/web-confirmation';
import { putWebForm, webFormBySlug } from '../../../../functions/domain/intake/web-forms';
import { putMailbox } from '../../../../functions/domain/mail-channel/mailboxes';
import type { Deps } from '../../../../functions/domain/store/store';
import { listTickets } from '../../../../functions/domain/tickets/list-tickets';
import { snapshotOf } from '../../../../functions/domain/tickets/activities';
import type { TicketEvent } from '../../../../schemas/events';
import { SubmitWebTicketBody } from '../../../../schemas/intake';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

const slugOf = () => `s-${randomUUID().slice(0, 8)}`;
const email = () => `w.${randomUUID().slice(0, 8)}@example.com`;
const body = (over: Record<string, unknown> = {}) => SubmitWebTicketBody.parse({ name: 'Wendy', email: email(), subject: 'Broken', description: 'It is', ...over });

describe('public intake against DynamoDB Local', () => {
  let deps: Deps;
  let dynamo: Awaited<ReturnType<typeof integrationDeps>>['clients'];
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let slug: string;
  const submit = (over: Record<string, unknown> = {}, captcha?: CaptchaVerifier, ip = '198.51.100.1') =>
    submitWebTicket(deps, { captcha }, { slug, body: body(over), sourceIp: ip, publicBaseUrl: 'https://help.example' });

  beforeAll(async () => {
    ({ deps, clients: dynamo } = await integrationDeps());
    org = await seedOrg(deps);
    slug = slugOf();
    await putWebForm(deps, org.orgId, { slug, brandName: 'Acme', perIpPerHour: 1000 });
  });

  it('keeps a slug to one organization and frees the old slug on a change', async () => {
    const other = await seedOrg(deps);
    await expect(putWebForm(deps, other.orgId, { slug, brandName: 'Impostor' })).rejects.toBeInstanceOf(SlugTakenError);
    const mine = slugOf();
    await putWebForm(deps, other.orgId, { slug: mine, brandName: 'Other' });
    const renamed = slugOf();
    await putWebForm(deps, other.orgId, { slug: renamed, brandName: 'Other' });
    await expect(webFormBySlug(deps, mine)).rejects.toBeInstanceOf(NotFoundError);
    expect((await webFormBySlug(deps, renamed)).orgId).toBe(other.orgId);
    await putWebForm(deps, org.orgId, { slug: mine, brandName: 'Acme' }); // freed: anyone may take it
    await putWebForm(deps, org.orgId, { slug, brandName: 'Acme', perIpPerHour: 1000 });
    expect((await webFormBySlug(deps, slug)).orgId).toBe(org.orgId);
  });

  it('counts a window atomically: of 25 concurrent submissions exactly the limit pass', async () => {
    const subject = email();
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => takeSubmission(deps, org.orgId, 'email', subject, 10)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RateLimitedError);
    expect(refused.reason.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('checks the CAPTCHA between the IP and the email limits, and writes nothing when it refuses', async () => {
    const refusing: CaptchaVerifier = { provider: 'turnstile', siteKey: 'k', verify: vi.fn(async () => ({ ok: false as const, reason: 'refused (invalid-input-response)' })) };
    const address = email();
    await expect(submit({ email: address }, refusing)).rejects.toBeInstanceOf(CaptchaRefusedError); // no answer at all
    await expect(submit({ email: address, captchaToken: 'bad' }, refusing, '198.51.100.9')).rejects.toThrow('refused (invalid-input-response)');
    expect(refusing.verify).toHaveBeenCalledWith('bad', '198.51.100.9');
    const { window } = hourWindowOf(deps.now());
    const { data: emailWindow } = await deps.store.entities.intakeRate.get({ orgId: org.orgId, scope: 'email', subject: address, window }).go();
    expect(emailWindow).toBeNull();
    expect((await listTickets(deps, org.agent, { requesterEmail: address, sort: 'updatedAt', order: 'desc', limit: 5 })).items).toEqual([]);
    const accepting: CaptchaVerifier = { provider: 'hcaptcha', siteKey: 'k', verify: async () => ({ ok: true }) };
    expect((await submit({ email: address, captchaToken: 'good' }, accepting)).ticket.channel).toBe('web');
  });

  it('keeps only the token\'s hash, opens the ticket by token, and takes a reply and a rating', async () => {
    const { ticket, trackingUrl } = await submit();
    const token = trackingUrl.split('/').pop()!;
    expect(trackingUrl).toBe(`https://help.example/track/${token}`);
    const { data: entry } = await deps.store.entities.trackingToken.get({ tokenHash: hashTrackingToken(token) }).go();
    expect(entry).toMatchObject({ orgId: org.orgId, ticketId: ticket.ticketId });
    expect(JSON.stringify(entry)).not.toContain(token);
    expect(await trackTicket(deps, token)).toMatchObject({ number: ticket.number, status: 'new', messages: [], canReply: true });
    await replyByToken(deps, token, 'More detail', '198.51.100.1');
    await expect(rateByToken(deps, token, { score: 5 })).rejects.toThrow(/cannot be rated yet/);
    await expect(trackTicket(deps, `${token.slice(0, -2)}xx`)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('does the same reads for a wrong token as for a right one', async () => {
    const { trackingUrl } = await submit();
    const token = trackingUrl.split('/').pop()!;
    const send = vi.spyOn(dynamo.document, 'send');
    const commandsOf = async (t: string) => {
      send.mockClear();
      await trackTicket(deps, t).catch(() => undefined);
      return send.mock.calls.map(([command]) => command.constructor.name);
    };
    const right = await commandsOf(token);
    const wrong = await commandsOf('W'.repeat(43));
    send.mockRestore();
    expect(right).toEqual(['GetCommand', 'QueryCommand']);
    expect(wrong).toEqual(right);
  });

  it('mails the tracking link once, then forgets the clear link', async () => {
    await putMailbox(deps, { address: `support-${org.orgId}@help.example`, orgId: org.orgId, displayName: 'Acme Support' });
    const { ticket, trackingUrl } = await submit();
    const sent: { to: string[]; raw: Buffer }[] = [];
    const mail = { send: async (m: { from: string; to: string[]; raw: Buffer }) => { sent.push(m); return { providerId: 'p' }; } };
    const event = { id: randomUUID(), type: 'ticket.created', orgId: org.orgId, ticketId: ticket.ticketId, ticket: snapshotOf(ticket) } as unknown as TicketEvent;
    expect(await sendWebConfirmation(deps, mail, event)).toMatchObject({ sent: true, to: ticket.requesterEmail });
    expect(sent[0].raw.toString()).toContain(trackingUrl.slice(0, 40));
    expect(await sendWebConfirmation(deps, mail, event)).toMatchObject({ sent: false });
    expect(sent).toHaveLength(1);
    expect((await deps.store.entities.trackingMail.get({ orgId: org.orgId, ticketId: ticket.ticketId }).go()).data).toBeNull();
  });

  it('gives the same chat the same ticket', async () => {
    const input = {
      chatId: `c-${randomUUID()}`, priority: 'medium' as const, requester: { email: 'carla@example.com' },
      transcript: [{ role: 'customer' as const, at: '2026-11-29T10:00:00Z', text: 'Hello' }],
    };
    const first = await createTicketFromChat(deps, org.agent, input);
    const again = await createTicketFromChat(deps, org.agent, { ...input, subject: 'Other' });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, ticket: { ticketId: first.ticket.ticketId, chatId: input.chatId, subject: 'Hello' } });
  });
});

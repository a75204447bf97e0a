import { mkdtempSync } from 'node:fs';
import { createOrganization } from '../../../../functions/domain/settings/org-settings';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalLinkSigner } from '../../../../bin/local/adapters/local-link-signer';
import { rateByLink, unsubscribeByLink } from '../../../../functions/domain/mail-channel/mail-links';
import { putMailbox } from '../../../../functions/domain/mail-channel/mailboxes';
import { putNotificationSettings } from '../../../../functions/domain/mail-channel/notification-settings';
import { notifyByMail } from '../../../../functions/domain/mail-channel/notify-by-mail';
import type { Deps } from '../../../../functions/domain/store/store';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import type { Ticket } from '../../../../functions/domain/tickets/ticket.entity';
import type { TicketEvent } from '../../../../schemas/events';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
const signer = new LocalLinkSigner(mkdtempSync(path.join(tmpdir(), 'links-')));
const links = { signer, apiUrl: 'https://api.example' };
const sent: { to: string[]; raw: Buffer }[] = [];
const mail = { send: async (m: { from: string; to: string[]; raw: Buffer }) => (sent.push(m), { providerId: 'x' }) };

beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
  await putMailbox(deps, { address: `support@${org.orgId.replace(/_/g, '-')}.example.com`, orgId: org.orgId, displayName: 'Acme' });
});

const eventOf = (ticket: Ticket, type: string, actorRole = 'system'): TicketEvent => ({
  version: '1', id: deps.newId(), type, occurredAt: ticket.updatedAt, orgId: ticket.orgId, ticketId: ticket.ticketId,
  actor: { id: 'system', role: actorRole }, internal: false, ticketVersion: ticket.version, data: {},
  ticket: { number: ticket.number, subject: ticket.subject, status: ticket.status, priority: ticket.priority, assigneeId: null,
    requesterEmail: ticket.requesterEmail, escalationTier: 0, channel: ticket.channel, updatedAt: ticket.updatedAt, version: ticket.version },
}) as TicketEvent;

async function closedTicket(email: string): Promise<Ticket> {
  const ticket = await createTicket(deps, org.agent, { subject: 'Closed one', description: 'x', priority: 'low', tags: [], customFields: {}, requester: { name: 'C', email } });
  await deps.store.entities.ticket.patch({ orgId: org.orgId, ticketId: ticket.ticketId }).set({ status: 'closed', closedAt: new Date().toISOString() }).go();
  return (await deps.store.entities.ticket.get({ orgId: org.orgId, ticketId: ticket.ticketId }).go()).data!;
}

describe('survey mail (DynamoDB Local)', () => {
  it('mails a survey whose link rates once, and none after the requester unsubscribed', async () => {
    const email = `carla.${randomUUID().slice(0, 6)}@customer.example`;
    const first = await closedTicket(email);
    const outcome = await notifyByMail(deps, mail, eventOf(first, 'ticket.survey.sent'), links);
    expect(outcome).toMatchObject({ sent: true, kind: 'survey', to: email });
    const parsed = await simpleParser(sent.at(-1)!.raw);
    const token = /survey\?token=([^&\s]+)&score=5/.exec(parsed.text ?? '')![1];
    expect(await rateByLink(deps, signer, { token, score: 5 })).toMatchObject({ ticketNumber: first.number, rating: { score: 5, comment: null } });
    await expect(rateByLink(deps, signer, { token, score: 1 })).rejects.toMatchObject({ code: 'already-rated' });
    expect(await notifyByMail(deps, mail, eventOf({ ...first, rating: {} }, 'ticket.survey.sent'), links)).toMatchObject({ sent: false, why: 'already rated' });

    const listUnsubscribe = parsed.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, '');
    const unsubscribe = /<https:\/\/api\.example\/v1\/public\/unsubscribe\?token=([^>]+)>/.exec(listUnsubscribe)![1];
    await expect(unsubscribeByLink(deps, signer, token)).rejects.toMatchObject({ code: 'invalid-link' });
    expect(await unsubscribeByLink(deps, signer, unsubscribe)).toEqual({ email });
    const second = await closedTicket(email);
    expect(await notifyByMail(deps, mail, eventOf(second, 'ticket.survey.sent'), links)).toMatchObject({ sent: false, why: 'the requester unsubscribed from surveys' });
  });

  it('sends no survey when the organization turned surveys off, and confirms staff-made API tickets only when asked', async () => {
    const ticket = await closedTicket(`dan.${randomUUID().slice(0, 6)}@customer.example`);
    // Settings are changed on an organization's record, as a versioned write: the org must exist.
    await createOrganization(deps, { orgId: org.orgId, name: 'Survey test org' });
    await putNotificationSettings(deps, org.admin, { confirmation: { customerCreated: true, staffCreated: false }, surveys: false });
    expect(await notifyByMail(deps, mail, eventOf(ticket, 'ticket.survey.sent'), links)).toMatchObject({ sent: false, why: 'surveys are off (organization setting)' });
    expect(await notifyByMail(deps, mail, eventOf(ticket, 'ticket.created', 'agent'), links)).toMatchObject({ sent: false });
    await putNotificationSettings(deps, org.admin, { confirmation: { customerCreated: true, staffCreated: true }, surveys: true });
    expect(await notifyByMail(deps, mail, eventOf(ticket, 'ticket.created', 'agent'), links)).toMatchObject({ sent: true, kind: 'created' });
    await expect(putNotificationSettings(deps, org.agent, { confirmation: { customerCreated: true, staffCreated: true }, surveys: true })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

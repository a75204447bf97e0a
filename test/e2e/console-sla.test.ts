import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { consoleSession, screenshot, seriousA11yViolations } from '../support/browser';
import { api, newTicket } from '../support/http-client';

/**
 * The console's SLA controls in chromium: an admin gives a policy conditions, an agent pauses and
 * resumes a ticket's SLA clock from the side panel. The policy only matches a domain of this run.
 */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { consoleUrl: string };
const admin = api(runtime.tokens.admin);
const agent = api(runtime.tokens.agent);
const run = randomUUID().slice(0, 8);
const domain = `console-${run}.sla17.example`;

const open = consoleSession(runtime.consoleUrl, { beforeAll, afterEach, afterAll });

describe('SLA conditions and the staff pause in the console', () => {
  it('an admin saves a policy with conditions; a ticket from that domain gets it', async () => {
    const page = await open('org_demo:admin', '/admin');
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'SLA policies' }).click();
    await page.getByRole('button', { name: 'New policy' }).click();
    const form = page.getByRole('form', { name: 'SLA policy' });
    await form.getByLabel('Name').fill(`Partners ${run}`);
    await form.getByLabel('Around the clock (24×7)').check();
    await form.getByLabel('Choose this policy for tickets matching all of').check();
    await form.getByLabel('Requester domains').fill(domain);
    await form.getByLabel('Channels').fill('api, email');
    await form.getByLabel('Order (lower is tried first)').fill('7');
    await form.getByLabel('High First response minutes').fill('11');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('cell', { name: `Partners ${run}`, exact: true }).waitFor();
    await page.getByRole('cell', { name: `channels: api, email; requesterDomains: ${domain} (order 7)` }).waitFor();
    const saved = (await admin.get('/v1/sla-policies')).body.items.find((p: { name: string }) => p.name === `Partners ${run}`);
    expect(saved).toMatchObject({ conditions: { requesterDomains: [domain], channels: ['api', 'email'] }, order: 7, enabled: true, calendar: '24x7' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-sla-conditions');

    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ requester: { name: 'P', email: `pat@${domain}` } }));
    expect(ticket.sla.policyId).toBe(saved.id);
    expect(Date.parse(ticket.sla.firstResponseDueAt) - Date.parse(ticket.createdAt)).toBe(11 * 60_000);
  });

  it('an agent pauses the SLA clock with a reason from the side panel and resumes it', async () => {
    const { body: ticket } = await agent.post('/v1/tickets', newTicket({ subject: `Hold me ${run}`, requester: { name: 'Carla Customer', email: runtime.users.customer!.email } }));
    const page = await open('org_demo:agent', `/tickets/${ticket.id}`);
    const pause = page.getByRole('form', { name: 'Pause the SLA clock' });
    await pause.getByLabel('Reason to pause').fill(`Waiting on the vendor ${run}`);
    await pause.getByRole('button', { name: 'Pause SLA' }).click();
    await page.getByTestId('sla-manual-pause').filter({ hasText: `Waiting on the vendor ${run}` }).waitFor();
    expect((await agent.get(`/v1/tickets/${ticket.id}`)).body.sla).toMatchObject({ firstResponseDueAt: null, manualPause: { reason: `Waiting on the vendor ${run}` } });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'ticket-sla-paused');

    const resume = page.getByRole('form', { name: 'Resume the SLA clock' });
    await resume.getByRole('button', { name: 'Resume SLA' }).click();
    await page.getByRole('form', { name: 'Pause the SLA clock' }).waitFor();
    const after = (await agent.get(`/v1/tickets/${ticket.id}`)).body.sla;
    expect(after.pausedSince).toBeNull();
    expect(after.firstResponseDueAt).not.toBeNull();
  });
});

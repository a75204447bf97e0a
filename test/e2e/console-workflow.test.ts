import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { consoleSession, screenshot, seriousA11yViolations } from '../support/browser';
import { api, newTicket } from '../support/http-client';

/** The console's workflow controls in chromium: custom statuses, links and merge, on the shared runtime. */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { consoleUrl: string };
const admin = api(runtime.tokens.admin);
const agent = api(runtime.tokens.agent);
const run = randomUUID().slice(0, 8);

const open = consoleSession(runtime.consoleUrl, { beforeAll, afterEach, afterAll });
const ticket = async (subject: string) => {
  const res = await agent.post('/v1/tickets', newTicket({ subject, requester: { name: 'Carla Customer', email: runtime.users.customer!.email } }));
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string };
};

describe('workflow in the console', () => {
  it('an admin adds a custom status; an agent sets it on a ticket and the header shows its name', async () => {
    const page = await open('org_demo:admin', '/admin');
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Statuses' }).click();
    await page.getByRole('button', { name: 'New status' }).click();
    const form = page.getByRole('form', { name: 'Custom status' });
    await form.getByLabel('Name').fill(`Waiting on vendor ${run}`);
    await form.getByLabel('Stands for').selectOption('waiting_on_third_party');
    await form.getByLabel('Customers see').fill('In progress with a partner');
    await form.getByRole('button', { name: 'Save status' }).click();
    await page.getByRole('cell', { name: `Waiting on vendor ${run}`, exact: true }).waitFor();
    const status = (await admin.get('/v1/statuses')).body.items.find((s: { name: string }) => s.name === `Waiting on vendor ${run}`);
    expect(status).toMatchObject({ category: 'waiting_on_third_party', customerLabel: 'In progress with a partner', active: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-statuses');

    const t = await ticket(`Vendor part ${run}`);
    const agentPage = await open('org_demo:agent', `/tickets/${t.id}`);
    const panel = agentPage.getByRole('form', { name: 'Ticket properties' });
    await panel.getByLabel('Status').locator(`option[value="custom:${status.id}"]`).waitFor({ state: 'attached' });
    await panel.getByLabel('Status').selectOption(`custom:${status.id}`);
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await agentPage.locator('.ticket-header .badge', { hasText: `Waiting on vendor ${run}` }).waitFor();
    const saved = (await agent.get(`/v1/tickets/${t.id}`)).body;
    expect(saved).toMatchObject({ status: 'waiting_on_third_party', customStatus: { id: status.id } });
  });

  it('links two tickets by number, unlinks them, and merges one into the other', async () => {
    const a = await ticket(`Login broken ${run}`);
    const b = await ticket(`Cannot sign in ${run}`);
    const page = await open('org_demo:agent', `/tickets/${a.id}`);
    const relations = page.getByRole('form', { name: 'Link or merge' });
    await relations.getByLabel('Other ticket number').fill(b.number);
    await relations.getByLabel("It is this ticket's").selectOption('related');
    await relations.getByRole('button', { name: 'Link' }).click();
    await page.getByRole('list', { name: 'Links' }).getByRole('link', { name: b.number }).waitFor();
    expect((await agent.get(`/v1/tickets/${b.id}`)).body.links).toEqual([expect.objectContaining({ ticketId: a.id, kind: 'related' })]);
    await screenshot(page, 'ticket-relations');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Unlink ${b.number}` }).click();
    await page.getByRole('list', { name: 'Links' }).waitFor({ state: 'detached' });
    expect((await agent.get(`/v1/tickets/${a.id}`)).body.links ?? []).toEqual([]);

    // A number that does not exist is refused on the form.
    await relations.getByLabel('Other ticket number').fill('TKT-1999-999999');
    await relations.getByRole('button', { name: 'Link' }).click();
    await relations.getByRole('alert').waitFor();

    await relations.getByLabel('Other ticket number').fill(b.number);
    page.once('dialog', (dialog) => void dialog.accept());
    await relations.getByRole('button', { name: 'Merge into it' }).click();
    await page.waitForURL(new RegExp(`/tickets/${b.id}`));
    const source = (await agent.get(`/v1/tickets/${a.id}`)).body;
    expect(source).toMatchObject({ status: 'closed', mergedInto: { id: b.id, number: b.number } });
    await page.goto(`${runtime.consoleUrl}/#/tickets/${a.id}`);
    await page.getByText('Merged into').waitFor();
  });
});

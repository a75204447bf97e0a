import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { consoleSession, screenshot, seriousA11yViolations } from '../support/browser';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';

/**
 * Organization settings and automation rules in the console, in chromium. They run in the other
 * organization: the demo organization's settings are shared by the other suites.
 */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { consoleUrl: string };
const admin = api(runtime.otherOrg.tokens.admin);
const agent = api(runtime.otherOrg.tokens.agent);
const run = randomUUID().slice(0, 8);

const open = consoleSession(runtime.consoleUrl, { beforeAll, afterEach, afterAll });
const openAdmin = async (section: string) => {
  const page = await open('org_other:admin', '/admin');
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: section }).click();
  return page;
};

describe('organization settings and automations in the console', () => {
  it('saves a setting with If-Match, shows a conflict when someone else saved meanwhile, and lists the history', async () => {
    const before = (await admin.get('/v1/settings')).body;
    const page = await openAdmin('Organization');
    const form = page.getByRole('form', { name: 'Organization settings' });
    await form.getByLabel('Survey delay (hours after closure)').fill(String(before.settings.surveyDelayHours + 1));
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Saved.').waitFor();
    const saved = (await admin.get('/v1/settings')).body;
    expect(saved).toMatchObject({ version: before.version + 1, settings: { surveyDelayHours: before.settings.surveyDelayHours + 1 } });
    await page.getByRole('list', { name: 'Settings changes' }).getByText(`v${saved.version}`).waitFor();

    // Someone else changes a setting: this form's next save is refused, nothing is overwritten.
    expect((await admin.patch('/v1/settings', { autoCloseWarning: !saved.settings.autoCloseWarning })).status).toBe(200);
    await form.getByLabel('Survey delay (hours after closure)').fill(String(before.settings.surveyDelayHours + 2));
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Someone changed the settings meanwhile').waitFor();
    expect((await admin.get('/v1/settings')).body.settings.surveyDelayHours).toBe(before.settings.surveyDelayHours + 1);
    await screenshot(page, 'admin-org-settings');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await admin.patch('/v1/settings', { surveyDelayHours: before.settings.surveyDelayHours, autoCloseWarning: before.settings.autoCloseWarning });
  });

  it('creates a rule, which then acts on a new ticket; a dry run explains it; bad JSON is refused on the form', async () => {
    const page = await openAdmin('Automations');
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'Automation rule' });
    await form.getByLabel('Name').fill(`Tag refunds ${run}`);
    await form.getByLabel('Conditions (JSON)').fill('{ "all": [ { "field": "subject", ');
    await form.getByRole('button', { name: 'Save rule' }).click();
    await form.getByText('Conditions is not valid JSON').waitFor();
    await form.getByLabel('Conditions (JSON)').fill(JSON.stringify({ all: [{ field: 'subject', op: 'contains', value: `refund ${run}` }] }));
    await form.getByLabel('Actions (JSON)').fill(JSON.stringify([{ type: 'add_tags', tags: [`auto-${run}`] }, { type: 'set', field: 'priority', value: 'urgent' }]));
    await form.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('cell', { name: `Tag refunds ${run}`, exact: true }).waitFor();

    const ticket = (await agent.post('/v1/tickets', newTicket({ subject: `Please REFUND ${run}`, priority: 'low', requester: { name: 'Oscar', email: 'oscar@example.org' } }))).body;
    await eventually(async () => {
      expect((await agent.get(`/v1/tickets/${ticket.id}`)).body).toMatchObject({ priority: 'urgent', tags: expect.arrayContaining([`auto-${run}`]) });
    });

    await page.getByRole('button', { name: `Dry run Tag refunds ${run}` }).click();
    const trial = page.getByRole('form', { name: 'Dry run' });
    await trial.getByLabel('Ticket number').fill(ticket.number);
    await trial.getByRole('button', { name: 'Test' }).click();
    await trial.locator('[data-matched="true"]').waitFor();
    await screenshot(page, 'admin-automations');
    expect(await seriousA11yViolations(page)).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Delete Tag refunds ${run}` }).click();
    await page.getByRole('cell', { name: `Tag refunds ${run}`, exact: true }).waitFor({ state: 'detached' });
  }, 3 * EVENT_WAIT_MS);
});

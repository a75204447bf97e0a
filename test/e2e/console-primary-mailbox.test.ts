import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, screenshot, seriousA11yViolations } from '../support/browser';
import { freshOrg } from '../support/fresh-org';
import { api } from '../support/http-client';

/**
 * The primary mailbox and the weekly summary switch in the console, in chromium. The organization
 * is its own (moving a primary or turning the summary on changes no other file's mail): its admin's
 * token goes into the console's session storage, as the sign-in page would put it.
 */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { consoleUrl: string };
const tag = randomUUID().slice(0, 8);
const support = `support-${tag}@console-primary.helpdesk.local`;
const billing = `aaa-billing-${tag}@console-primary.helpdesk.local`;
let org: Awaited<ReturnType<typeof freshOrg>>;
let admin: ReturnType<typeof api>;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  org = await freshOrg('org_console_primary');
  admin = api(org.users.admin.token);
  expect((await admin.put(`/v1/mailboxes/${support}`, { displayName: 'Support', templates: { created: { subject: 'Got it: {{subject}}' } } })).status).toBe(200);
  expect((await admin.put(`/v1/mailboxes/${billing}`, { displayName: 'Billing' })).status).toBe(200);
  browser = await launchBrowser();
});
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.context().close().catch(() => undefined)));
});
afterAll(async () => {
  await browser?.close();
  org?.close();
});

async function openAdmin(section: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  await context.addInitScript((token) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('helpdesk.session', token), org.users.admin.token);
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (error) => console.error('[browser admin]', error.message));
  await page.goto(`${runtime.consoleUrl}/#/admin`);
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: section }).click();
  return page;
}

type MailboxView = { address: string; primary: boolean; templates: unknown };
const mailboxes = async () => (await admin.get('/v1/mailboxes')).body.items as MailboxView[];

describe('primary mailbox and weekly summary in the console', () => {
  it('shows which mailbox is primary and makes another one primary, keeping its templates', async () => {
    const page = await openAdmin('Mailboxes');
    const row = (address: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: address, exact: true }) });
    await row(support).getByText('Primary', { exact: true }).waitFor();
    expect(await row(billing).getByText('Primary', { exact: true }).count()).toBe(0);
    expect(await row(support).getByRole('button', { name: `Make primary ${support}` }).count()).toBe(0);

    await row(billing).getByRole('button', { name: `Make primary ${billing}` }).click();
    await row(billing).getByText('Primary', { exact: true }).waitFor();
    await row(support).getByRole('button', { name: `Make primary ${support}` }).waitFor();
    const after = await mailboxes();
    expect(after.filter((m) => m.primary).map((m) => m.address)).toEqual([billing]);
    await screenshot(page, 'admin-mailboxes-primary');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Back to support: its templates survive the round trip through the console.
    await row(support).getByRole('button', { name: `Make primary ${support}` }).click();
    await row(support).getByText('Primary', { exact: true }).waitFor();
    const back = await mailboxes();
    expect(back.filter((m) => m.primary).map((m) => m.address)).toEqual([support]);
    expect(back.find((m) => m.address === support)!.templates).toEqual({ created: { subject: 'Got it: {{subject}}' } });
  });

  it('shows the API\'s refusal when the primary is deleted while others exist', async () => {
    const page = await openAdmin('Mailboxes');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Delete ${support}` }).click();
    await page.getByText('make another mailbox primary before deleting it').waitFor();
    expect((await mailboxes()).map((m) => m.address)).toEqual([billing, support]);
  });

  it('turns the weekly summary on with a time zone through the settings API, and shows a bad zone\'s error', async () => {
    const before = (await admin.get('/v1/settings')).body;
    expect(before.settings.weeklySummary.enabled).toBe(false);
    const page = await openAdmin('Organization');
    const form = page.getByRole('form', { name: 'Organization settings' });
    await form.getByLabel('Mail supervisors and admins last week\'s overview').check();
    await form.getByLabel('Time zone').fill('Mars/Olympus_Mons');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('must be an IANA time zone').waitFor();
    expect((await admin.get('/v1/settings')).body).toMatchObject({ version: before.version, settings: { weeklySummary: { enabled: false, timeZone: 'UTC' } } });

    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Saved.').waitFor();
    const saved = (await admin.get('/v1/settings')).body;
    expect(saved).toMatchObject({ version: before.version + 1, settings: { weeklySummary: { enabled: true, timeZone: 'Europe/Berlin' } } });
    await screenshot(page, 'admin-weekly-summary');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Loaded again, the form shows what the API has.
    const again = await openAdmin('Organization');
    const form2 = again.getByRole('form', { name: 'Organization settings' });
    await form2.getByRole('button', { name: 'Save settings' }).waitFor();
    expect(await form2.getByLabel('Mail supervisors and admins last week\'s overview').isChecked()).toBe(true);
    expect(await form2.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    await form2.getByLabel('Mail supervisors and admins last week\'s overview').uncheck();
    await form2.getByRole('button', { name: 'Save settings' }).click();
    await form2.getByText('Saved.').waitFor();
    expect((await admin.get('/v1/settings')).body.settings.weeklySummary.enabled).toBe(false);
  });
});

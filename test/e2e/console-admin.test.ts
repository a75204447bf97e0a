import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { consoleSession, screenshot, seriousA11yViolations } from '../support/browser';
import { api } from '../support/http-client';

/**
 * The console's admin screens for channels and customer-facing settings, in chromium against
 * the shared runtime. Screens that edit organization-wide settings other suites depend on
 * (notifications, the web form) are checked read-only here; their writes are covered over HTTP.
 */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { consoleUrl: string };
const admin = api(runtime.tokens.admin);
const run = randomUUID().slice(0, 8);

const open = consoleSession(runtime.consoleUrl, { beforeAll, afterEach, afterAll });
const openAdmin = async (section: string) => {
  const page = await open('org_demo:admin', '/admin');
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: section }).click();
  return page;
};

describe('admin screens for channels and customer-facing settings', () => {
  it('connects a WhatsApp number, shows a server-side refusal, edits it without resending secrets, and removes it', async () => {
    const page = await openAdmin('WhatsApp & Instagram');
    await page.getByRole('button', { name: 'Connect channel' }).click();
    const form = page.getByRole('form', { name: 'Channel' });
    await form.getByLabel('Name').fill(`Sales line ${run}`);
    // Meta ids are digits: the API refuses spaces and the screen shows the field it named.
    await form.getByLabel('Phone number ID').fill('not an id');
    await form.getByLabel('App secret').fill('app-secret');
    await form.getByLabel('Access token').fill('access-token');
    await form.getByLabel('Verify token').fill('verify-token');
    await form.getByRole('button', { name: 'Save channel' }).click();
    await form.getByRole('alert').filter({ hasText: 'phoneNumberId' }).waitFor();
    expect((await admin.get('/v1/channels')).body.items.some((c: { name: string }) => c.name === `Sales line ${run}`)).toBe(false);

    const phoneNumberId = `1${Date.now()}`;
    await form.getByLabel('Phone number ID').fill(phoneNumberId);
    await form.getByRole('button', { name: 'Save channel' }).click();
    await page.getByRole('cell', { name: `Sales line ${run}`, exact: true }).waitFor();
    const created = (await admin.get('/v1/channels')).body.items.find((c: { name: string }) => c.name === `Sales line ${run}`);
    expect(created).toMatchObject({ kind: 'whatsapp', phoneNumberId, afterResolved: 'new-ticket', appSecretSet: true });
    expect(JSON.stringify(await page.content())).not.toContain('app-secret');
    await screenshot(page, 'admin-channels');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Edit Sales line ${run}` }).click();
    await form.getByLabel('A message after resolution').selectOption('reopen');
    await form.getByRole('button', { name: 'Save channel' }).click();
    await page.getByRole('cell', { name: 'Reopens' }).first().waitFor();
    expect((await admin.get(`/v1/channels/${created.id}`)).body).toMatchObject({ afterResolved: 'reopen', name: `Sales line ${run}` });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: `Remove Sales line ${run}` }).click();
    await page.getByRole('cell', { name: `Sales line ${run}`, exact: true }).waitFor({ state: 'detached' });
    expect((await admin.get(`/v1/channels/${created.id}`)).status).toBe(404);
  });

  it('lists the mailboxes the API has and opens one for editing with its values', async () => {
    const { body } = await admin.get('/v1/mailboxes');
    expect(body.items.length).toBeGreaterThan(0);
    const page = await openAdmin('Mailboxes');
    for (const mailbox of body.items) await page.getByRole('cell', { name: mailbox.address, exact: true }).waitFor();
    const first = body.items[0];
    await page.getByRole('button', { name: `Edit ${first.address}` }).click();
    const form = page.getByRole('form', { name: 'Mailbox' });
    expect(await form.getByLabel('Address').inputValue()).toBe(first.address);
    expect(Number(await form.getByLabel('Mails per sender per hour').inputValue())).toBe(first.senderHourlyLimit);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('shows the customer notification switches as the API has them', async () => {
    const settings = (await admin.get('/v1/notification-settings')).body;
    const page = await openAdmin('Customer notifications');
    const form = page.getByRole('form', { name: 'Customer notifications' });
    await form.getByRole('button', { name: 'Save notifications' }).waitFor();
    expect(await form.getByLabel('When a customer opens the ticket').isChecked()).toBe(settings.confirmation.customerCreated);
    expect(await form.getByLabel('When staff open it for a customer').isChecked()).toBe(settings.confirmation.staffCreated);
    expect(await form.getByLabel('Satisfaction survey after closure').isChecked()).toBe(settings.surveys);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows the web form settings and its embed snippet, or offers to create one', async () => {
    const res = await admin.get('/v1/web-form');
    const page = await openAdmin('Web form');
    const form = page.getByRole('form', { name: 'Web form' });
    await form.getByRole('button', { name: 'Save web form' }).waitFor();
    if (res.status === 200) {
      await page.getByLabel('Embed snippet').waitFor();
      expect(await page.getByLabel('Embed snippet').inputValue()).toContain('/embed/tickets.js');
      expect(await form.getByLabel('Address (slug)').inputValue()).toMatch(/^[a-z0-9-]+$/);
    } else {
      expect(res.status).toBe(404);
      await page.getByText('No public form yet').waitFor();
    }
    await screenshot(page, 'admin-web-form');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

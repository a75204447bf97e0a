import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api } from '../support/http-client';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';

const runtime = inject('runtime');
const admin = api(runtime.tokens.admin);
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const run = randomUUID().slice(0, 6);
const word = `zorbulator${run.replace(/[^a-z]/g, 'q')}`;

/** A customer's site on another origin that embeds the form of the demo organization. */
function customerSite(embedUrl: string, slug: string): Promise<Server> {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title></head>
<body><h1>Acme support</h1><script src="${embedUrl}" data-org="${slug}"></script></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A wide range: another file may move the runtime's clock (the counter's day is the runtime's). */
const deflections = async () => (await admin.get('/v1/kb/deflections?from=2000-01-01&to=2999-12-31')).body.total as number;

describe('web form article suggestions and deflection in Chromium', () => {
  let browser: Browser;
  let site: Server;
  let siteUrl: string;
  let articleId: string;

  beforeAll(async () => {
    const created = await admin.post('/v1/kb/articles', {
      title: `Calibrate the ${word}`, status: 'published', audience: 'public',
      body: `When the ${word} drifts, hold the **reset** button for ten seconds.`,
    });
    articleId = created.body.id;
    await admin.post('/v1/kb/articles', { title: `Internal ${word} notes`, status: 'published', audience: 'internal', body: `Staff only ${word}.` });
    // The search index is rebuilt by a queue job after each article write.
    await eventually(async () => expect((await admin.get(`/v1/kb/search?q=${word}`)).body.items).toHaveLength(2), EVENT_WAIT_MS, 200);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    site = await customerSite(runtime.embedUrl as string, runtime.orgSlug as string);
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  }, EVENT_WAIT_MS + 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  it('suggests public articles while the subject is typed; reading one and leaving counts one deflection', async () => {
    const before = await deflections();
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    await page.goto(siteUrl);
    await page.getByLabel('Subject').pressSequentially(`my ${word} drifts`, { delay: 20 });
    const suggestions = page.getByRole('region', { name: 'Suggested articles' });
    const link = suggestions.getByRole('button', { name: `Calibrate the ${word}` });
    await link.waitFor();
    // Only public articles reach the form.
    expect(await suggestions.getByRole('button').count()).toBe(1);
    await link.click();
    await page.getByRole('heading', { name: `Calibrate the ${word}` }).waitFor();
    expect(await page.getByText('hold the reset button', { exact: false }).isVisible()).toBe(true);
    expect(await page.locator('.helpdesk-tickets').evaluate((host) => host.shadowRoot!.querySelector('article strong')?.textContent)).toBe('reset');

    await page.goto('about:blank'); // leaves without submitting
    await eventually(async () => expect(await deflections()).toBe(before + 1), EVENT_WAIT_MS, 200);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('counts no deflection when the customer goes back and submits', async () => {
    const before = await deflections();
    const page = await browser.newPage();
    await page.goto(siteUrl);
    await page.getByLabel('Name').fill('Dana Deflect');
    await page.getByLabel('Email').fill(`deflect.${run}@example.com`);
    await page.getByLabel('Subject').pressSequentially(`${word} broken`, { delay: 20 });
    await page.getByRole('button', { name: `Calibrate the ${word}` }).click();
    await page.getByRole('button', { name: 'Back to the form' }).click();
    await page.getByLabel('Description').fill('The article did not help.');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('link', { name: /Track request/ }).waitFor();
    await page.goto('about:blank');
    await page.close();
    // The ticket is there (by its requester: a list of the whole organization is a page of other files' tickets).
    const mine = await admin.get(`/v1/tickets?requesterEmail=${encodeURIComponent(`deflect.${run}@example.com`)}`);
    expect(mine.body.items.map((t: { subject: string }) => t.subject)).toEqual([`${word} broken`]);
    // A wrong deflection would be a request sent as the page above went away, and may still be on
    // its way: a later page's real deflection is counted after it, so once that one is counted the
    // count shows whether the submitting page's was too.
    const later = await browser.newPage();
    await later.goto(siteUrl);
    await later.getByLabel('Subject').pressSequentially(`${word} again`, { delay: 20 });
    await later.getByRole('button', { name: `Calibrate the ${word}` }).click();
    await later.getByRole('heading', { name: `Calibrate the ${word}` }).waitFor();
    await later.goto('about:blank');
    await later.close();
    await eventually(async () => expect(await deflections()).toBeGreaterThanOrEqual(before + 1), EVENT_WAIT_MS, 200);
    expect(await deflections()).toBe(before + 1);
    expect(articleId).toBeTruthy();
  });
});

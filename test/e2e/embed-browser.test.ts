import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api } from '../support/http-client';
import { eventually } from '../support/eventually';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A customer's site on another origin (another port) that embeds the form, as the README shows. */
function customerSite(embedUrl: string, slug: string): Promise<Server> {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title>
<style>label{color:red!important}</style></head>
<body><h1>Acme support</h1><script src="${embedUrl}" data-org="${slug}"></script></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('embeddable form in Chromium', () => {
  let browser: Browser;
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    site = await customerSite(runtime.embedUrl as string, runtime.orgSlug as string);
    // localhost, not 127.0.0.1: a different origin from the API in every part but the port, too.
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  it('renders labelled fields in a shadow root, submits cross-origin, and the tracking link shows and takes a reply', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    await page.goto(siteUrl);
    const email = `embed.${randomUUID().slice(0, 8)}@example.com`;

    await page.getByLabel('Name').fill('Erin Embed');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Subject').fill('The widget works');
    await page.getByLabel('Description').fill('Filed from a page on another origin.');
    // The form lives in an open shadow root: the host page's styles do not reach it.
    const shadowForm = await page.locator('.helpdesk-tickets').evaluate((host: { shadowRoot: { querySelector(s: string): unknown } | null }) => !!host.shadowRoot?.querySelector('form'));
    expect(shadowForm).toBe(true);
    await page.getByRole('button', { name: 'Submit' }).click();

    const link = page.getByRole('link', { name: /Track request TKT-\d{4}-\d{6}/ });
    await link.waitFor();
    const number = (await link.textContent())!.replace('Track request ', '');
    await expect(page.getByRole('heading', { name: new RegExp(`Your request ${number} was received`) }).isVisible()).resolves.toBe(true);

    // The ticket exists for staff, from the web channel, with the requester from the form.
    const ticket = (await agent.get(`/v1/tickets/by-number/${number}`)).body;
    expect(ticket).toMatchObject({ subject: 'The widget works', channel: 'web', requester: { email, name: 'Erin Embed' } });

    // Follow the tracking link: status, then a reply from the page.
    await link.click();
    await page.getByRole('heading', { name: `${number}: The widget works` }).waitFor();
    expect(await page.getByText('Status:').isVisible()).toBe(true);
    await page.getByLabel('Your reply').fill('Here is one more detail.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Your reply was sent.').waitFor();
    await eventually(async () => {
      const { body } = await agent.get(`/v1/tickets/${ticket.id}`);
      expect(body.messages.map((m: { body: string; channel: string }) => [m.body, m.channel])).toContainEqual(['Here is one more detail.', 'web']);
    });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows the field errors the API returns, next to the fields, and keeps the form', async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl);
    await page.getByLabel('Name').fill('Erin Embed');
    await page.getByLabel('Email').fill('not-an-address');
    await page.getByLabel('Subject').fill('Bad email');
    await page.getByLabel('Description').fill('The API refuses this.');
    await page.getByRole('button', { name: 'Submit' }).click();
    const emailField = page.getByLabel('Email');
    await expect.poll(() => emailField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('status').textContent()).toMatch(/failed validation/);
    await page.close();
  });

  it('sends chosen files with the request: uploaded cross-origin to the form\'s slots, on the ticket for staff; a program is refused on the field', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    await page.goto(siteUrl);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'), Buffer.alloc(800, 0x41)]);
    await page.getByLabel('Name').fill('Fiona Files');
    await page.getByLabel('Email').fill(`files.${randomUUID().slice(0, 8)}@example.com`);
    await page.getByLabel('Subject').fill('Screenshot attached');
    await page.getByLabel('Description').fill('See the picture.');
    const files = page.getByLabel(/^Attachments/);
    await files.setInputFiles([{ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') }]);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => files.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText(/setup\.exe: programs and scripts cannot be attached/).first().isVisible()).toBe(true);

    await files.setInputFiles([{ name: 'screen.png', mimeType: 'image/png', buffer: png }]);
    await page.getByRole('button', { name: 'Submit' }).click();
    const link = page.getByRole('link', { name: /Track request TKT-\d{4}-\d{6}/ });
    await link.waitFor();
    const number = (await link.textContent())!.replace('Track request ', '');
    const ticket = (await agent.get(`/v1/tickets/by-number/${number}`)).body;
    const { body: thread } = await agent.get(`/v1/tickets/${ticket.id}/messages`);
    expect(thread.items[0].attachments).toEqual([expect.objectContaining({ filename: 'screen.png', contentType: 'image/png', size: png.length })]);
    expect(consoleErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility violations (axe-core, shadow root included)', async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl);
    await page.getByLabel('Description').waitFor();
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () => {
      const browser = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown): Promise<{ violations: { id: string; impact: string }[] }> } };
      const result = await browser.axe.run(browser.document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});

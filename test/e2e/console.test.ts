import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SCREENSHOT_DIR, launchBrowser, screenshot, seriousA11yViolations, signedInPage } from '../support/browser';
import { EVENT_WAIT_MS } from '../support/eventually';
import { api, newTicket } from '../support/http-client';

/** Browser globals inside page.evaluate callbacks (this project compiles without the DOM lib). */
declare const document: { querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null }> & ArrayLike<{ getAttribute(n: string): string | null }>; querySelector(s: string): { textContent: string | null } | null };


/**
 * The agent console and customer portal in Debian's chromium, against the runtime `npm start`
 * runs: sign-in, filters, a reply that reaches a colleague's open page live, notes kept from
 * customers, If-Match conflicts, bulk changes, accessibility, bundle size and render time.
 */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { consoleUrl: string };
/** What an open page shows live comes as WebSocket frames through the stream and the bus: wait as long as for any bus effect. */
const LIVE = EVENT_WAIT_MS;
const agentApi = api(runtime.tokens.agent);
const agent2Api = api(runtime.tokens.agent2);
const customer = runtime.users.customer;
const run = randomUUID().slice(0, 8);
let browser: Browser;
const pages: Page[] = [];

const open = async (user: string) => {
  const { page } = await signedInPage(browser, runtime.consoleUrl, user);
  pages.push(page);
  return page;
};
// Open consoles follow the whole organization live: close them after each test so they do not
// add load to the runtime the other suites share.
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.context().close().catch(() => undefined)));
});
const createTicket = async (over: Record<string, unknown> = {}) => {
  const res = await agentApi.post('/v1/tickets', newTicket({ requester: { name: 'Carla Customer', email: customer.email }, ...over }));
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string; version: number };
};
/** The ticket ids the list shows, in order (for a failure message). */
const rowIds = (page: Page) => page.locator('tr[data-ticket-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket-id')).join(', '));
const expectNoSeriousViolations = async (page: Page, name: string) => {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
};

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  console.log(`Console screenshots: ${SCREENSHOT_DIR}`);
});

describe('the local console', () => {
  it('is in the contract and serves config.json pointing at the API and WebSocket', async () => {
    expect(runtime.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = await (await fetch(`${runtime.consoleUrl}/config.json`)).json();
    expect(config).toEqual({ apiUrl: runtime.httpUrl, wsUrl: (runtime as { wsUrl?: string }).wsUrl, auth: { kind: 'local', usersUrl: './local/users.json' } });
  });

  it('lists every seeded user on the sign-in page, and nothing outside the build is served', async () => {
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(runtime.consoleUrl);
    await page.locator('[data-user]').first().waitFor();
    const users = await page.locator('[data-user]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-user')));
    expect(users).toEqual(expect.arrayContaining(['org_demo:admin', 'org_demo:agent', 'org_demo:agent2', 'org_demo:customer', 'org_other:agent']));
    await screenshot(page, 'sign-in');
    expect((await fetch(`${runtime.consoleUrl}/../package.json`)).status).toBe(404);
    expect((await fetch(`${runtime.consoleUrl}/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
  });
});

describe('an agent', () => {
  it('signs in, filters, opens a ticket and replies; a second agent on that ticket sees the reply live', async () => {
    const tag = `web-${run}`;
    const ticket = await createTicket({ subject: `Printer on fire ${run}`, tags: [tag], priority: 'urgent' });
    await createTicket({ subject: `Other ${run}`, tags: [tag], priority: 'low' });

    // The colleague has the ticket open first.
    const colleague = await open('org_demo:agent2');
    await colleague.goto(`${runtime.consoleUrl}/#/tickets/${ticket.id}`);
    await colleague.locator('[data-live="subscribed"]').waitFor();

    const page = await open('org_demo:agent');
    await page.locator('table.tickets').waitFor();
    await page.getByLabel('Tag').fill(tag);
    await page.getByLabel('Tag').press('Enter');
    await page.waitForURL(new RegExp(`tag=${tag}`));
    await page.getByLabel('Priority').selectOption('urgent');
    await page.waitForFunction((id) => {
      const rows = [...document.querySelectorAll('table.tickets tbody tr')];
      return rows.length === 1 && rows[0]!.getAttribute('data-ticket-id') === id;
    }, ticket.id);
    expect(page.url()).toContain(`tag=${tag}`);
    await screenshot(page, 'ticket-list');

    await page.getByRole('link', { name: new RegExp(`Printer on fire ${run}`) }).click();
    await page.locator('#ticket-title').waitFor();
    // Presence: each sees the other viewing.
    await colleague.locator('.viewers', { hasText: 'Alex Agent' }).waitFor();
    await page.getByRole('textbox', { name: /reply/i }).fill('We are on our way with an extinguisher.');
    await colleague.locator('.typing', { hasText: 'Alex Agent is typing a reply' }).waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.message-staff', { hasText: 'We are on our way' }).waitFor();

    // Live on the colleague's page, without a reload.
    await colleague.locator('.message-staff', { hasText: 'We are on our way with an extinguisher.' }).waitFor({ timeout: LIVE });
    await colleague.locator('.typing').waitFor({ state: 'detached', timeout: LIVE });

    // An internal note looks unlike a reply.
    await page.getByText('Internal note', { exact: true }).click();
    await page.getByRole('textbox', { name: /note/i }).fill(`Extinguisher in room 4 ${run}`);
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = colleague.locator('.message-note', { hasText: `Extinguisher in room 4 ${run}` });
    await note.waitFor({ timeout: LIVE });
    expect(await note.getAttribute('data-internal')).toBe('true');
    expect(await note.locator('.note-badge').textContent()).toContain('Internal note');
    await screenshot(page, 'ticket');
  }, 3 * LIVE);

  it('sees a changed ticket as "changed by X — reload" and keeps their own edits', async () => {
    const ticket = await createTicket({ subject: `Conflict ${run}`, priority: 'medium' });
    const page = await open('org_demo:agent');
    await page.goto(`${runtime.consoleUrl}/#/tickets/${ticket.id}`);
    await page.locator('[data-live="subscribed"]').waitFor();
    const panel = page.getByRole('form', { name: 'Ticket properties' });
    await panel.getByLabel('Priority').selectOption('high');

    // Meanwhile Bea changes it.
    const res = await agent2Api.patch(`/v1/tickets/${ticket.id}`, { priority: 'urgent', tags: ['bea'] }, { 'if-match': `"${ticket.version}"` });
    expect(res.status).toBe(200);

    await panel.locator('[data-conflict]', { hasText: 'Changed by Bea Agent' }).waitFor({ timeout: LIVE });
    await panel.getByRole('button', { name: 'Save changes' }).click();
    // The 412 changes nothing on the server and nothing in the form.
    await panel.locator('[data-conflict]').waitFor();
    expect(await panel.getByLabel('Priority').inputValue()).toBe('high');
    expect((await agentApi.get(`/v1/tickets/${ticket.id}`)).body.priority).toBe('urgent');
    await screenshot(page, 'ticket-conflict');

    await panel.getByRole('button', { name: 'Reload' }).click();
    expect(await panel.getByLabel('Priority').inputValue()).toBe('urgent');
    expect(await panel.getByLabel(/Tags/).inputValue()).toBe('bea');
    await panel.getByLabel('Priority').selectOption('high');
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await panel.getByText('Saved.').waitFor();
    expect((await agentApi.get(`/v1/tickets/${ticket.id}`)).body.priority).toBe('high');
  }, 3 * LIVE);

  it('sees new tickets appear live and changes several at once', async () => {
    const tag = `live-${run}`;
    const first = await createTicket({ subject: `Live one ${run}`, tags: [tag] });
    const page = await open('org_demo:agent');
    await page.goto(`${runtime.consoleUrl}/#/tickets?tag=${tag}`);
    await page.locator(`tr[data-ticket-id="${first.id}"]`).waitFor();
    await page.locator('[data-live="subscribed"]').waitFor();

    const second = await createTicket({ subject: `Live two ${run}`, tags: [tag], priority: 'critical' });
    await page.locator(`tr[data-ticket-id="${second.id}"]`).waitFor({ timeout: LIVE });

    await page.getByLabel('Select all tickets on this page').check();
    const bulk = page.getByRole('form', { name: 'Bulk actions' });
    await bulk.getByText('2 selected').waitFor().catch(async (error: Error) => {
      throw new Error(`${error.message}\nrows: ${await rowIds(page)}; bulk bar: ${await bulk.textContent({ timeout: 1000 }).catch(() => 'none')}`);
    });
    await bulk.getByLabel('Priority').selectOption('low');
    await bulk.getByLabel('Add tags').fill('triaged');
    await bulk.getByRole('button', { name: 'Apply to 2' }).click();
    await page.locator(`tr[data-ticket-id="${first.id}"] .priority-low`).waitFor({ timeout: LIVE });
    await page.locator(`tr[data-ticket-id="${second.id}"] .priority-low`).waitFor({ timeout: LIVE });
    for (const id of [first.id, second.id]) {
      const { body } = await agentApi.get(`/v1/tickets/${id}`);
      expect(body.priority).toBe('low');
      expect(body.tags).toEqual([tag, 'triaged']);
    }
  }, 3 * LIVE);

  it('sees a ticket\'s SLA badge count down and turn red once the target passes', async () => {
    const tag = `sla-badge-${run}`;
    const ticket = await createTicket({ subject: `Badge ${run}`, tags: [tag], priority: 'critical' });
    const page = await open('org_demo:agent');
    await page.goto(`${runtime.consoleUrl}/#/tickets?tag=${tag}`);
    const badge = page.locator(`tr[data-ticket-id="${ticket.id}"] .sla`);
    await badge.waitFor();
    expect(['ok', 'soon']).toContain(await badge.getAttribute('data-sla'));
    expect(await badge.textContent()).toMatch(/left$/);
    // The page's clock is moved past the due time the API reports, so the runtime's own clock
    // does not matter. This page is closed after the test: its clock stays faked.
    const due = Date.parse((await agentApi.get(`/v1/tickets/${ticket.id}`)).body.sla.firstResponseDueAt);
    await page.clock.setFixedTime(due + 61_000);
    await page.locator(`tr[data-ticket-id="${ticket.id}"] .sla[data-sla="breached"]`, { hasText: 'Breached 1m 01s ago' }).waitFor();
    await screenshot(page, 'ticket-list-breach');
  });

  it('sees the dashboard with a clear state when analytics are missing', async () => {
    const page = await open('org_demo:supervisor');
    await page.goto(`${runtime.consoleUrl}/#/dashboard`);
    const hasStats = (await agentApi.get('/v1/stats/overview?from=2026-01-01&to=2026-01-31')).status !== 404;
    if (hasStats) await page.locator('.kpis').waitFor();
    else await page.locator('[data-state="analytics-unavailable"]', { hasText: 'Analytics not available yet' }).waitFor();
    await page.locator('#breach-title').waitFor();
    await screenshot(page, 'dashboard');
    await expectNoSeriousViolations(page, 'dashboard');
  });

  it('manages SLA policies from the admin registry', async () => {
    const page = await open('org_demo:admin');
    await page.goto(`${runtime.consoleUrl}/#/admin`);
    for (const title of ['Users', 'SLA policies', 'Mailboxes', 'Suspended mail', 'Webhooks']) {
      await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: title }).waitFor();
    }
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'SLA policies' }).click();
    await page.getByRole('button', { name: 'New policy' }).click();
    const form = page.getByRole('form', { name: 'SLA policy' });
    await form.getByLabel('Name').fill(`Gold ${run}`);
    await form.getByLabel('Time zone (IANA)').fill('Europe/Berlin');
    await form.getByLabel('Urgent First response minutes').fill('45');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('cell', { name: `Gold ${run}`, exact: true }).waitFor();
    const { body } = await api(runtime.tokens.admin).get('/v1/sla-policies');
    const saved = body.items.find((p: { name: string }) => p.name === `Gold ${run}`);
    expect(saved.targets.urgent.firstResponseMinutes).toBe(45);
    expect(saved.calendar).toMatchObject({ timezone: 'Europe/Berlin', hours: { mon: [['09:00', '17:00']], sat: [] } });
    await screenshot(page, 'admin-sla-policies');
    await expectNoSeriousViolations(page, 'admin');
  });

  it('creates a department from the admin registry and sees the seeded categories', async () => {
    const page = await open('org_demo:admin');
    await page.goto(`${runtime.consoleUrl}/#/admin`);
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    await nav.getByRole('link', { name: 'Departments' }).click();
    await page.getByRole('button', { name: 'New department' }).click();
    const form = page.getByRole('form', { name: 'Department' });
    await form.getByLabel('Name').fill(`Escalations ${run}`);
    await form.getByLabel('Tier').selectOption('3');
    await form.getByRole('button', { name: 'Save department' }).click();
    await page.getByRole('cell', { name: `Escalations ${run}`, exact: true }).waitFor();
    const { body } = await api(runtime.tokens.admin).get('/v1/departments');
    expect(body.items.find((d: { name: string }) => d.name === `Escalations ${run}`)).toMatchObject({ tier: 3 });
    await screenshot(page, 'admin-departments');

    await nav.getByRole('link', { name: 'Categories' }).click();
    await page.getByRole('cell', { name: 'Billing', exact: true }).waitFor();
    await screenshot(page, 'admin-categories');
    await expectNoSeriousViolations(page, 'admin categories');
  });
});

describe('a customer', () => {
  it('sees only their own tickets and the public thread, never a note or a staff id', async () => {
    const secret = `Internal only ${run}`;
    const mine = await createTicket({ subject: `My laptop ${run}` });
    await agentApi.post(`/v1/tickets/${mine.id}/messages`, { body: `Public answer ${run}` });
    await agentApi.post(`/v1/tickets/${mine.id}/messages`, { body: secret, internal: true });
    await agentApi.patch(`/v1/tickets/${mine.id}`, { assigneeId: runtime.users.agent.id }, { 'if-match': '"3"' });
    const other = await agentApi.post('/v1/tickets', newTicket({ subject: `Dan's ticket ${run}`, requester: { name: 'Dan', email: runtime.users.customer2.email } }));

    const page = await open('org_demo:customer');
    await page.locator('#portal-title').waitFor();
    await page.getByRole('link', { name: new RegExp(`My laptop ${run}`) }).waitFor();
    const listText = await page.locator('main').textContent();
    expect(listText).not.toContain(`Dan's ticket ${run}`);
    await screenshot(page, 'portal');
    await expectNoSeriousViolations(page, 'portal');

    await page.getByRole('link', { name: new RegExp(`My laptop ${run}`) }).click();
    await page.locator('.message', { hasText: `Public answer ${run}` }).waitFor();
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain('Internal note');
    for (const staff of ['agent', 'agent2', 'admin', 'supervisor']) expect(html).not.toContain(runtime.users[staff]!.id);
    await screenshot(page, 'portal-ticket');

    // The customer replies; the agent's page has it live.
    const agentPage = await open('org_demo:agent');
    await agentPage.goto(`${runtime.consoleUrl}/#/tickets/${mine.id}`);
    await agentPage.locator('[data-live="subscribed"]').waitFor();
    await page.getByLabel('Your reply').fill(`Thanks ${run}`);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await agentPage.locator('.message-customer', { hasText: `Thanks ${run}` }).waitFor({ timeout: LIVE });

    // Another customer's ticket is not found, not shown.
    await page.goto(`${runtime.consoleUrl}/#/portal/tickets/${other.body.id}`);
    await page.getByText('Request not found').waitFor();
  }, 3 * LIVE);

  it('rates a resolved ticket once', async () => {
    const ticket = await createTicket({ subject: `Rate me ${run}` });
    const res = await agentApi.patch(`/v1/tickets/${ticket.id}`, { status: 'resolved', resolution: 'Fixed it' }, { 'if-match': `"${ticket.version}"` });
    expect(res.status).toBe(200);
    const page = await open('org_demo:customer');
    await page.goto(`${runtime.consoleUrl}/#/portal/tickets/${ticket.id}`);
    await page.getByText('How did we do?').waitFor();
    await page.locator('.stars label').nth(3).click();
    expect(await page.getByRole('radio', { name: '4 stars' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thank you for rating').waitFor();
    const { body } = await agentApi.get(`/v1/tickets/${ticket.id}`);
    expect(body.activities.some((a: { type: string; data?: { score?: number } }) => a.type === 'ticket.rated' && a.data?.score === 4)).toBe(true);
  });
});

describe('attachments', () => {
  it('offers file attachments exactly when the API has upload slots', async () => {
    const openapi = (await api().get('/v1/openapi.json')).body as { paths: Record<string, unknown> };
    const hasUploads = '/v1/tickets/{ticketId}/attachments' in openapi.paths;
    const ticket = await createTicket({ subject: `Attach ${run}` });
    const page = await open('org_demo:agent');
    await page.goto(`${runtime.consoleUrl}/#/tickets/${ticket.id}`);
    await page.locator('.composer').waitFor();
    expect(await page.getByText('Attach files').count()).toBe(hasUploads ? 1 : 0);
    if (!hasUploads) return;
    await page.locator('.composer input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`hello ${run}\n`) });
    await page.getByRole('textbox', { name: /reply/i }).fill('See the file');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.attachments', { hasText: 'notes.txt' }).waitFor();
    // Download through the API's redirect to the short-lived URL: the same bytes come back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /notes\.txt/ }).click()]);
    expect(download.suggestedFilename()).toBe('notes.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(`hello ${run}\n`);
  });
});

describe('quality figures', () => {
  it('loads at most 200 KB of gzipped JavaScript and CSS before the first page', async () => {
    const html = await (await fetch(runtime.consoleUrl)).text();
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    let js = 0;
    let total = 0;
    for (const asset of assets) {
      const bytes = gzipSync(Buffer.from(await (await fetch(`${runtime.consoleUrl}/${asset}`)).arrayBuffer())).length;
      total += bytes;
      if (asset.endsWith('.js')) js += bytes;
    }
    console.log(`Console initial load: JavaScript ${(js / 1024).toFixed(1)} KB gzip, with CSS ${(total / 1024).toFixed(1)} KB gzip`);
    expect(js).toBeLessThanOrEqual(200 * 1024);
  });

  it('renders a list of 50 tickets within one frame of the data arriving, and the list and ticket pass axe', async () => {
    // The render is measured on pages of 50 tickets served to the browser from one real ticket's
    // view, so the measurement does not flood the runtime (and the other suites' event streams)
    // with a hundred creates.
    const real = await createTicket({ subject: `Perf template ${run}`, priority: 'urgent', tags: ['perf'] });
    const { messages: _m, activities: _a, ...view } = (await agentApi.get(`/v1/tickets/${real.id}`)).body as Record<string, unknown>;
    const pageOf = (tag: string) => Array.from({ length: 50 }, (_, i) => ({
      ...view, id: `${tag}-${String(i).padStart(3, '0')}`.replace(/[^A-Za-z0-9_-]/g, ''), number: `TKT-2026-9${String(i).padStart(5, '0')}`,
      subject: `Perf ${i} ${tag}`, priority: (['low', 'medium', 'high', 'urgent', 'critical'] as const)[i % 5], tags: [tag],
    }));
    const tags = [`perf-a-${run}`, `perf-b-${run}`];
    const page = await open('org_demo:agent');
    await page.route((url) => url.pathname === '/v1/tickets' && tags.includes(url.searchParams.get('tag') ?? ''), (route) => route.fulfill({
      status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' },
      body: JSON.stringify({ items: pageOf(new URL(route.request().url()).searchParams.get('tag')!), nextCursor: null }),
    }));
    const renders = () => page.evaluate(() => performance.getEntriesByName('ticket-list-render').map((m) => ({ duration: m.duration, rows: (m as unknown as { detail?: { rows?: number } }).detail?.rows })));
    const showFifty = async (tag: string) => {
      const before = (await renders()).length;
      await page.goto(`${runtime.consoleUrl}/#/tickets?tag=${tag}`);
      await page.waitForFunction((t) => {
        const rows = [...document.querySelectorAll('table.tickets tbody tr')];
        return rows.length === 50 && rows.every((row) => (row.getAttribute('data-ticket-id') ?? '').startsWith(t));
      }, tag.replace(/[^A-Za-z0-9_-]/g, ''));
      // The first measure after the navigation is the fresh render of these 50 rows (later ones only diff).
      return (await renders()).slice(before).find((m) => m.rows === 50);
    };
    const cold = await showFifty(tags[0]!);
    await page.locator('[data-live="subscribed"]').waitFor();
    const warm = await showFifty(tags[1]!);
    expect(cold).toBeDefined();
    expect(warm).toBeDefined();
    console.log(`Ticket list: 50 rows rendered in ${warm!.duration.toFixed(1)} ms after the data arrived (first render of the page, code not yet compiled: ${cold!.duration.toFixed(1)} ms)`);
    expect(warm!.duration).toBeLessThan(1000); // the target is one frame (16.7 ms); this bound only catches a broken render
    await expectNoSeriousViolations(page, 'ticket list');

    await page.goto(`${runtime.consoleUrl}/#/tickets/${real.id}`);
    await page.locator('#ticket-title').waitFor();
    await expectNoSeriousViolations(page, 'ticket');
  });
});

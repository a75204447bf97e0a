import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { consoleSession, screenshot, seriousA11yViolations } from '../support/browser';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';

/** The knowledge base and reply suggestions in the console, in chromium on the shared runtime. */
const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { consoleUrl: string };
const agent = api(runtime.tokens.agent);
// A word no other test writes, so search and suggestions can only find this test's article.
const word = `zeolite${randomUUID().slice(0, 6).replace(/[^a-z]/g, 'q')}`;

const open = consoleSession(runtime.consoleUrl, { beforeAll, afterEach, afterAll });

describe('knowledge base in the console', () => {
  it('an agent writes and publishes an article, finds it by search, reads it rendered, and gets it as a reply suggestion', async () => {
    const page = await open('org_demo:agent', '/admin');
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Knowledge base' }).click();
    await page.getByRole('button', { name: 'New article' }).click();
    const form = page.getByRole('form', { name: 'Article' });
    await form.getByLabel('Title').fill(`Cleaning the ${word} filter`);
    await form.getByLabel('Body (Markdown)').fill(`## Steps\n\nRinse the **${word} filter** under warm water.\n\n<script>alert(1)</script>`);
    await form.getByLabel('Tags (comma separated)').fill('filters, cleaning');
    await form.getByLabel('Status').selectOption('published');
    await form.getByLabel('Audience').selectOption('public');
    await form.getByRole('button', { name: 'Save article' }).click();
    await page.getByRole('cell', { name: `Cleaning the ${word} filter`, exact: true }).waitFor();

    await page.getByRole('button', { name: `View Cleaning the ${word} filter` }).click();
    await page.locator('.article-body strong', { hasText: `${word} filter` }).waitFor();
    expect(await page.locator('.article-body script').count()).toBe(0);
    expect(await page.locator('.article-body h2').textContent()).toBe('Steps');
    await screenshot(page, 'admin-knowledge-base');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The search index is rebuilt after the change: search until it has the article.
    const search = page.getByRole('search', { name: 'Search articles' });
    await search.getByLabel('Search articles').fill(word);
    await eventually(async () => {
      await search.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('list', { name: 'Search results' }).waitFor();
      expect(await page.getByRole('list', { name: 'Search results' }).textContent()).toContain(`Cleaning the ${word} filter`);
    });

    const ticket = (await agent.post('/v1/tickets', newTicket({
      subject: `My ${word} filter is clogged`, description: `How do I clean the ${word} filter?`, requester: { name: 'Carla Customer', email: runtime.users.customer!.email },
    }))).body;
    const ticketPage = await open('org_demo:agent', `/tickets/${ticket.id}`);
    await ticketPage.getByRole('button', { name: 'Suggest replies' }).click();
    const suggestions = ticketPage.getByRole('list', { name: 'Suggested replies' });
    await suggestions.waitFor();
    expect(await suggestions.textContent()).toContain(`article “Cleaning the ${word} filter”`);
    await suggestions.getByRole('button', { name: 'Use suggestion 1' }).click();
    const reply = ticketPage.getByRole('textbox', { name: /reply/i });
    expect(await reply.inputValue()).not.toBe('');
    await screenshot(ticketPage, 'reply-suggestions');
  }, 3 * EVENT_WAIT_MS);
});

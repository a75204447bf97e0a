import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, eventDelivered } from '../support/http-client';
import { EVENT_WAIT_MS, eventually } from '../support/eventually';

interface KbOrg {
  orgId: string;
  slug: string;
  tokens: Record<'admin' | 'agent' | 'customer', string>;
  users: Record<'customer', { email: string }>;
  bedrockRequestsFile: string;
}
const runtime = inject('runtime');
const kb = runtime.kbOrg as KbOrg;
const admin = api(kb.tokens.admin);
const agent = api(kb.tokens.agent);
const customer = api(kb.tokens.customer);
const anonymous = api();
const otherAgent = api(runtime.otherOrg.tokens.agent);
const run = randomUUID().slice(0, 6);
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

/** A small corpus with known answers: which article a question should find first. */
const CORPUS = {
  password: {
    title: 'Reset your password', tags: ['account', 'login'], status: 'published', audience: 'public',
    body: 'If you **forgot your password**, open the sign-in page and choose *Forgot password*. We email a reset link that works for one hour.',
  },
  printer: {
    title: 'Printer shows offline', tags: ['hardware'], status: 'published', audience: 'public',
    body: 'When the office printer shows as offline, restart the print spooler and check the network cable. Printing resumes once it reconnects.',
  },
  refunds: {
    title: 'Refunds and invoices', tags: ['billing'], status: 'published', audience: 'public',
    body: 'Refunds go back to the original card within 5 business days. Download invoices from the billing page.',
  },
  vpn: {
    title: 'VPN setup for the support team', tags: ['internal'], status: 'published', audience: 'internal',
    body: 'Install the VPN client and import the profile from the intranet before you connect to customer systems.',
  },
  draft: {
    title: 'Upcoming pricing changes', tags: [], status: 'draft', audience: 'public',
    body: 'Pricing changes next quarter: confidential until announced.',
  },
} as const;
const article: Record<keyof typeof CORPUS, string> = {} as never;

describe('knowledge base and assist (kb lab organization)', () => {
  it('keeps articles with versions, renders sanitised HTML, and shows each audience and role only what it may see', async () => {
    for (const [key, input] of Object.entries(CORPUS)) {
      const created = await agent.post('/v1/kb/articles', input);
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/v1/kb/articles/${created.body.id}`);
      article[key as keyof typeof CORPUS] = created.body.id;
    }
    const xss = await agent.post('/v1/kb/articles', {
      title: `Hostile ${run}`, status: 'draft',
      body: '# Title\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror="alert(1)"> and [ok](https://example.com)',
    });
    expect(xss.status).toBe(201);
    expect(xss.body.html).toContain('<h1>Title</h1>');
    expect(xss.body.html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow">ok</a>');
    expect(xss.body.html).not.toMatch(/<script|javascript:|onerror/i);
    expect((await agent.get(`/v1/kb/articles/${article.password}`)).body.html).toContain('<strong>forgot your password</strong>');

    // A change is a new version; the old one stays readable; a stale If-Match is refused.
    const changed = await agent.patch(`/v1/kb/articles/${article.password}`, { tags: ['account', 'login', 'password'] }, { 'if-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect((await agent.patch(`/v1/kb/articles/${article.password}`, { title: 'Stale' }, { 'if-match': '"1"' })).status).toBe(412);
    const versions = await agent.get(`/v1/kb/articles/${article.password}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    // Customers: published public articles only; drafts and internal ones do not exist for them.
    expect(ids(await customer.get('/v1/kb/articles')).sort()).toEqual([article.password, article.printer, article.refunds].sort());
    expect((await customer.get(`/v1/kb/articles/${article.vpn}`)).status).toBe(404);
    expect((await customer.get(`/v1/kb/articles/${article.draft}`)).status).toBe(404);
    expect(ids(await agent.get('/v1/kb/articles?status=draft'))).toEqual(expect.arrayContaining([article.draft, xss.body.id]));
    // Another organization never sees them, whatever id it sends.
    expect((await otherAgent.get(`/v1/kb/articles/${article.password}`)).status).toBe(404);

    // Roles: customers do not write, agents do not delete, admins do.
    expect((await customer.post('/v1/kb/articles', { title: 'Mine', body: 'x' })).status).toBe(403);
    expect((await agent.delete(`/v1/kb/articles/${xss.body.id}`)).status).toBe(403);
    expect((await admin.delete(`/v1/kb/articles/${xss.body.id}`)).status).toBe(204);
    expect((await agent.get(`/v1/kb/articles/${xss.body.id}`)).status).toBe(404);
  });

  it('refuses bad articles with problem details and stores nothing', async () => {
    const before = (await agent.get('/v1/kb/articles')).body.items.length;
    const missing = await agent.post('/v1/kb/articles', { body: 'no title', audience: 'everyone' });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(missing.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['#/audience', '#/title']);
    const category = await agent.post('/v1/kb/articles', { title: 'Unknown category', body: 'x', categoryId: `nope-${run}` });
    expect(category.status).toBe(422);
    expect(category.body.errors).toEqual([{ pointer: '#/categoryId', detail: expect.any(String) }]);
    expect((await agent.patch(`/v1/kb/articles/${article.printer}`, {})).status).toBe(400);
    expect((await agent.get('/v1/kb/articles')).body.items.length).toBe(before);
    expect((await agent.get('/v1/kb/search?q=')).status).toBe(400);
  });

  it('ranks a small corpus with known answers (stemmed BM25), staff see internal articles, nobody sees drafts', async () => {
    const top = async (client: ReturnType<typeof api>, q: string) => ids(await client.get(`/v1/kb/search?q=${encodeURIComponent(q)}`))[0];
    await eventually(async () => expect(await top(agent, 'forgot my password')).toBe(article.password), EVENT_WAIT_MS, 200);
    // The index is rebuilt after the last change: wait until the newest tag is searchable.
    await eventually(async () => expect(ids(await agent.get('/v1/kb/search?q=vpn'))).toEqual([article.vpn]), EVENT_WAIT_MS, 200);
    expect(await top(agent, 'printing is offline')).toBe(article.printer); // printing → print, as printer
    expect(await top(agent, 'where is my refund for the invoice')).toBe(article.refunds);
    expect(await top(customer, 'reset link')).toBe(article.password);
    expect(ids(await customer.get('/v1/kb/search?q=vpn'))).toEqual([]);
    expect(ids(await agent.get('/v1/kb/search?q=pricing quarter'))).toEqual([]);
    const hit = (await agent.get('/v1/kb/search?q=password&limit=1')).body.items;
    expect(hit).toEqual([{ id: article.password, title: 'Reset your password', score: expect.any(Number), audience: 'public', snippet: expect.stringContaining('forgot your password') }]);
  }, 3 * EVENT_WAIT_MS);

  it('serves public search and public articles without login, and counts deflections for staff', async () => {
    const search = await anonymous.get(`/v1/public/orgs/${kb.slug}/kb/search?q=${encodeURIComponent('printer offline')}`);
    expect(search.status).toBe(200);
    expect(search.headers.get('access-control-allow-origin')).toBe('*');
    expect(ids(search)[0]).toBe(article.printer);
    expect(ids(await anonymous.get(`/v1/public/orgs/${kb.slug}/kb/search?q=vpn`))).toEqual([]);
    expect((await anonymous.get(`/v1/public/orgs/nope-${run}/kb/search?q=vpn`)).status).toBe(404);
    expect((await anonymous.get(`/v1/public/orgs/${kb.slug}/kb/search`)).status).toBe(400);

    const page = await anonymous.get(`/v1/public/orgs/${kb.slug}/kb/articles/${article.printer}`);
    expect(page.body).toEqual({ id: article.printer, title: 'Printer shows offline', html: expect.stringContaining('print spooler'), tags: ['hardware'], updatedAt: expect.any(String) });
    expect((await anonymous.get(`/v1/public/orgs/${kb.slug}/kb/articles/${article.vpn}`)).status).toBe(404);
    expect((await anonymous.get(`/v1/public/orgs/${kb.slug}/kb/articles/${article.draft}`)).status).toBe(404);

    // A wide range: another file may move the runtime's clock (the counter's day is the runtime's).
    const ALL_DAYS = '/v1/kb/deflections?from=2000-01-01&to=2999-12-31';
    const before = (await agent.get(ALL_DAYS)).body.total;
    expect((await anonymous.post(`/v1/public/orgs/${kb.slug}/kb/deflections`, { articleId: article.printer })).status).toBe(202);
    expect((await anonymous.post(`/v1/public/orgs/${kb.slug}/kb/deflections`, { articleId: article.vpn })).status).toBe(404);
    expect((await anonymous.post(`/v1/public/orgs/${kb.slug}/kb/deflections`, { article: 'x' })).status).toBe(400);
    const after = await agent.get(ALL_DAYS);
    expect(after.body.total).toBe(before + 1);
    expect(after.body.days.at(-1)).toEqual({ day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), count: expect.any(Number) });
    expect((await agent.get('/v1/kb/deflections')).status).toBe(200);
    expect((await customer.get('/v1/kb/deflections')).status).toBe(403);
  });

  it('reads sentiment and language on clear cases and raises priority for urgent-sounding negative text', async () => {
    const suggest = (subject: string, description = '') => agent.post('/v1/assist/suggest', { subject, description });
    const happy = await suggest('Thank you so much', 'Your team is wonderful and the fix works great. I love it!');
    expect(happy.status).toBe(200);
    expect(happy.body.sentiment.label).toBe('positive');
    expect(happy.body.priority).toBeNull();
    const angry = await suggest('This is terrible', 'The app is broken again, I am furious and this is unacceptable.');
    expect(angry.body.sentiment.label).toBe('negative');
    expect((await suggest('How do I change the address on an invoice?')).body.sentiment.label).toBe('neutral');
    const urgent = await suggest('URGENT: production is down', 'All our customers are blocked, the site is broken. Fix this immediately!!!');
    expect(urgent.body.sentiment.label).toBe('negative');
    expect(urgent.body.priority).toEqual({ value: 'urgent', confidence: expect.any(Number) });
    expect((await suggest('Bonjour', 'Je ne peux pas me connecter à mon compte, merci de votre aide')).body.language).toBe('fr');
    expect((await suggest('Hallo', 'Ich kann mich nicht anmelden, das Passwort ist falsch und es geht nicht')).body.language).toBe('de');
    expect(happy.body.language).toBe('en');
    expect((await customer.post('/v1/assist/suggest', { subject: 'x' })).status).toBe(403);
    expect((await agent.post('/v1/assist/suggest', { description: 'no subject' })).status).toBe(400);
  });

  const categories = { billing: `billing-${run}`, hardware: `hardware-${run}`, account: `account-${run}` };
  const training: Record<keyof typeof categories, string[]> = {
    billing: ['I was charged twice this month', 'Refund for my last invoice', 'Invoice shows the wrong amount', 'Credit card payment failed at checkout'],
    hardware: ['Printer is offline again', 'Laptop screen flickers', 'The printer jams on every page', 'Keyboard keys stopped working'],
    account: ['Cannot log in to my account', 'Password reset email never arrives', 'Please change my account email address', 'Two-factor login code rejected'],
  };

  it('suggests no category without history, then the right one after resolved tickets teach it', async () => {
    for (const [key, id] of Object.entries(categories)) expect((await admin.post('/v1/categories', { id, name: key })).status).toBe(201);
    const probe = { subject: 'Refund please', description: 'My invoice charged my card twice, I want a refund' };
    // The articles come from the search index, rebuilt off the request path after each article write.
    const before = await eventually(async () => {
      const res = await agent.post('/v1/assist/suggest', probe);
      expect(res.body.articles[0]).toEqual({ id: article.refunds, title: 'Refunds and invoices', score: expect.any(Number) });
      return res;
    });
    expect(before.body.category).toBeNull();

    for (const [key, subjects] of Object.entries(training)) {
      for (const subject of subjects) {
        const ticket = await agent.post('/v1/tickets', {
          subject, description: `${subject}. Please help.`, priority: 'medium', category: categories[key as keyof typeof categories],
          requester: { email: `learn.${run}@example.com` },
        });
        expect(ticket.status).toBe(201);
        const resolved = await agent.patch(`/v1/tickets/${ticket.body.id}`, { status: 'resolved', resolution: 'Done' }, { 'if-match': ticket.headers.get('etag')! });
        expect(resolved.status).toBe(200);
      }
    }
    await eventually(async () => {
      const after = await agent.post('/v1/assist/suggest', probe);
      expect(after.body.category).toEqual({ id: categories.billing, confidence: expect.any(Number) });
      expect(after.body.category.confidence).toBeGreaterThan(0.6);
    });
    // Each resolved ticket teaches through the bus, in no set order: wait for every category's.
    await eventually(async () => {
      expect((await agent.post('/v1/assist/suggest', { subject: 'My printer is offline', description: '' })).body.category?.id).toBe(categories.hardware);
      expect((await agent.post('/v1/assist/suggest', { subject: 'Cannot log in', description: 'The password reset never arrives' })).body.category?.id).toBe(categories.account);
    });
  }, 4 * EVENT_WAIT_MS);

  it('stores the suggestion on new tickets for staff only, and applies it when the organization turns auto-apply on', async () => {
    // Off: the suggestion is stored, nothing changes.
    const plain = await agent.post('/v1/tickets', {
      subject: 'Printer offline in room 4', description: 'The printer says offline and jams.', priority: 'low', requester: { email: kb.users.customer.email },
    });
    await eventually(async () => expect((await agent.get(`/v1/tickets/${plain.body.id}`)).body.assist?.category?.id).toBe(categories.hardware), EVENT_WAIT_MS, 200);
    expect((await agent.get(`/v1/tickets/${plain.body.id}`)).body.category).toBeNull();
    const seenByCustomer = await customer.get(`/v1/tickets/${plain.body.id}`);
    expect(seenByCustomer.status).toBe(200);
    expect(seenByCustomer.body).not.toHaveProperty('assist');

    expect((await agent.put('/v1/assist/settings', { autoApply: true })).status).toBe(403);
    expect((await admin.put('/v1/assist/settings', { autoApply: true, threshold: 2 })).status).toBe(400);
    const on = await admin.put('/v1/assist/settings', { provider: 'offline', autoApply: true, threshold: 0.6 });
    expect(on.body).toEqual({ provider: 'offline', autoApply: true, threshold: 0.6 });
    // It is one of the organization's versioned settings: audited like every other change.
    expect((await admin.get('/v1/settings')).body.settings.assist).toEqual({ provider: 'offline', autoApply: true, threshold: 0.6 });
    const history = (await admin.get('/v1/settings/history')).body.items;
    expect(history[0].changes.assist).toEqual({ from: expect.objectContaining({ autoApply: false }), to: { provider: 'offline', autoApply: true, threshold: 0.6 } });

    const ticket = await agent.post('/v1/tickets', {
      subject: 'URGENT: printer offline', description: 'The printer jams and is broken, all orders are blocked. Fix it immediately!!!',
      priority: 'low', requester: { email: kb.users.customer.email },
    });
    await eventually(async () => {
      const seen = (await agent.get(`/v1/tickets/${ticket.body.id}`)).body;
      expect(seen.category).toBe(categories.hardware);
      expect(seen.priority).toBe('urgent');
    }, EVENT_WAIT_MS, 200);
    const detail = (await agent.get(`/v1/tickets/${ticket.body.id}`)).body;
    const applied = detail.activities.find((a: { type: string; actor: { id: string } }) => a.type === 'ticket.updated' && a.actor.id === 'system:assistant');
    expect(applied.changes).toEqual({ category: { from: null, to: categories.hardware }, priority: { from: 'low', to: 'urgent' } });
    expect(applied.data.assistant).toMatchObject({ provider: 'offline', threshold: 0.6 });
    // A category the agent set is never overwritten.
    const chosen = await agent.post('/v1/tickets', {
      subject: 'Printer offline', description: 'The printer jams', priority: 'medium', category: categories.billing, requester: { email: kb.users.customer.email },
    });
    await eventually(async () => expect((await agent.get(`/v1/tickets/${chosen.body.id}`)).body.assist).toBeTruthy(), EVENT_WAIT_MS, 200);
    // The assistant stores its suggestion before it applies one: the category is checked once the
    // ticket's creation has been through every consumer (the assistant's apply step included).
    await eventDelivered(agent, chosen.body.id, 'ticket.created');
    expect((await agent.get(`/v1/tickets/${chosen.body.id}`)).body.category).toBe(categories.billing);
    await admin.put('/v1/assist/settings', { provider: 'offline', autoApply: false });
  }, 4 * EVENT_WAIT_MS);

  it('drafts replies from canned replies and public articles, citing their sources', async () => {
    const canned = await agent.post('/v1/canned-replies', {
      title: `Password reset steps ${run}`, body: 'Hi {{requester.name}}, to reset your password open the sign-in page and choose Forgot password.',
    });
    expect(canned.status).toBe(201);
    const ticket = await agent.post('/v1/tickets', {
      subject: 'I forgot my password', description: 'I cannot sign in, I forgot the password.', requester: { name: 'Kit Customer', email: kb.users.customer.email },
    });
    const drafts = await agent.post(`/v1/tickets/${ticket.body.id}/reply-suggestions`);
    expect(drafts.status).toBe(200);
    expect(drafts.body.items.length).toBeGreaterThanOrEqual(2);
    expect(drafts.body.items.length).toBeLessThanOrEqual(3);
    const sources = drafts.body.items.flatMap((d: { sources: { kind: string; id: string }[] }) => d.sources.map((s) => `${s.kind}:${s.id}`));
    expect(sources).toContain(`canned-reply:${canned.body.id}`);
    expect(sources).toContain(`article:${article.password}`);
    expect(sources).not.toContain(`article:${article.vpn}`);
    const fromCanned = drafts.body.items.find((d: { sources: { id: string }[] }) => d.sources[0]!.id === canned.body.id);
    expect(fromCanned.body).toBe('Hi Kit Customer, to reset your password open the sign-in page and choose Forgot password.');
    const scores = drafts.body.items.map((d: { score: number }) => d.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBe(1);
    expect((await customer.post(`/v1/tickets/${ticket.body.id}/reply-suggestions`)).status).toBe(403);
    expect((await otherAgent.post(`/v1/tickets/${ticket.body.id}/reply-suggestions`)).status).toBe(404);
  });

  it('sends the organization\'s own data, and only it, to Bedrock Converse when the organization chooses it', async () => {
    const modelId = 'anthropic.claude-3-haiku-20240307-v1:0';
    expect((await admin.put('/v1/assist/settings', { provider: 'bedrock' })).status).toBe(400);
    expect((await admin.put('/v1/assist/settings', { provider: 'bedrock', modelId })).status).toBe(200);
    const recorded = () => existsSync(kb.bedrockRequestsFile)
      ? readFileSync(kb.bedrockRequestsFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
    const suggestion = await agent.post('/v1/assist/suggest', { subject: 'Refund for my invoice', description: 'Billing charged me twice' });
    expect(suggestion.body).toMatchObject({ provider: 'bedrock', category: { id: categories.billing } });
    const classify = recorded().find((r) => r.body.messages[0].content[0].text.includes('Ticket subject: Refund for my invoice'));
    expect(classify.modelId).toBe(modelId);
    expect(classify.body.inferenceConfig).toEqual({ maxTokens: 100, temperature: 0 });
    expect(classify.body.system[0].text).toMatch(/Answer with one JSON object/);
    const prompt: string = classify.body.messages[0].content[0].text;
    expect(classify.body.messages).toHaveLength(1);
    expect(prompt).toContain('Ticket subject: Refund for my invoice');
    const offered = [...prompt.matchAll(/^- ([^:]+):/gm)].map((m) => m[1]);
    expect(offered.sort()).toEqual(Object.values(categories).sort());

    const ticket = await agent.post('/v1/tickets', {
      subject: 'Printer offline', description: 'The printer shows offline since this morning.', requester: { email: kb.users.customer.email },
    });
    const drafts = await agent.post(`/v1/tickets/${ticket.body.id}/reply-suggestions`);
    expect(drafts.body.items[0].sources[0]).toEqual({ kind: 'model', id: modelId, title: 'Hosted model draft' });
    expect(drafts.body.items[0].sources).toContainEqual({ kind: 'article', id: article.printer, title: 'Printer shows offline' });
    expect(drafts.body.items[0].body).toContain(`[${article.printer}]`);
    const draft = recorded().filter((r) => r.body.inferenceConfig.maxTokens === 800).at(-1);
    const text: string = draft.body.messages[0].content[0].text;
    expect(text).toContain(`[${article.printer}] Printer shows offline`);
    expect(text).toContain('Customer: The printer shows offline since this morning.');
    expect(text).not.toContain('VPN'); // internal articles never leave in a prompt
    expect(draft.body.system[0].text).toContain('Knowledge Lab');
    await admin.put('/v1/assist/settings', { provider: 'offline' });
  });
});

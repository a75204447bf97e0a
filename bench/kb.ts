import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { monotonicFactory } from 'ulid';
import type { RuntimeContract } from '../bin/local/runtime';
import { startRuntimeProcess } from '../bin/local/runtime-process';
import { createDynamoClients } from '../functions/adapters/dynamodb-clients';
import { renderMarkdown } from '../functions/domain/kb/render-markdown';
import type { KbArticle } from '../functions/domain/kb/kb.entities';
import { createStore } from '../functions/domain/store/store';
import { ms, sideBySide, summarise } from './stats';

const SAMPLES = Number(process.env.BENCH_KB_SAMPLES ?? 100);
const ARTICLES = 1_000;
const TRAIN_PER_CATEGORY = 10;
const TEST_PER_CATEGORY = 5;

/** A seeded generator: the labelled set is the same in every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/**
 * Six categories, each with its own words, and phrasing every category shares, so a ticket is
 * some topic words in ordinary support prose. Training and test tickets are drawn apart.
 */
const TOPICS: Record<string, { things: string[]; problems: string[] }> = {
  billing: { things: ['invoice', 'refund', 'credit card', 'subscription fee', 'payment', 'receipt', 'VAT number', 'billing address'], problems: ['was charged twice', 'shows the wrong amount', 'failed at checkout', 'is missing from my account', 'needs a correction'] },
  account: { things: ['password', 'login', 'two-factor code', 'account email', 'username', 'sign-in page', 'single sign-on', 'session'], problems: ['does not work', 'is rejected', 'never arrives', 'keeps expiring', 'is locked'] },
  hardware: { things: ['printer', 'laptop', 'monitor', 'keyboard', 'docking station', 'scanner', 'headset', 'webcam'], problems: ['stopped working', 'shows as offline', 'makes a grinding noise', 'will not power on', 'jams constantly'] },
  network: { things: ['VPN', 'wifi', 'firewall', 'DNS', 'proxy', 'internet connection', 'network drive', 'router'], problems: ['drops every few minutes', 'is extremely slow', 'times out', 'cannot connect', 'blocks the site'] },
  shipping: { things: ['parcel', 'delivery', 'tracking number', 'courier', 'package', 'shipment', 'return label', 'order'], problems: ['has not arrived', 'was delivered damaged', 'is stuck in customs', 'went to the wrong address', 'is late'] },
  mobile: { things: ['iPhone app', 'Android app', 'push notification', 'mobile app', 'app update', 'tablet app', 'offline mode', 'app widget'], problems: ['crashes on start', 'freezes after the update', 'shows a blank screen', 'drains the battery', 'logs me out'] },
};
const OPENERS = ['Hello,', 'Hi team,', 'Good morning,', 'Dear support,', '', 'Hey,'];
const FILLERS = ['since yesterday', 'for all of our staff', 'again this week', 'after the latest change', 'for a few customers', 'this morning'];
const CLOSERS = ['Please help.', 'Can you look into it?', 'Thanks in advance.', 'What should we do?', 'This is blocking us.', ''];

function labelledTicket(rnd: () => number, category: string) {
  const topic = TOPICS[category]!;
  const thing = pick(rnd, topic.things);
  const second = pick(rnd, topic.things);
  const problem = pick(rnd, topic.problems);
  return {
    subject: `${thing[0]!.toUpperCase()}${thing.slice(1)} ${problem}`,
    description: `${pick(rnd, OPENERS)} our ${thing} ${problem} ${pick(rnd, FILLERS)}. We also checked the ${second}. ${pick(rnd, CLOSERS)}`.trim(),
  };
}

const VOCABULARY = Object.values(TOPICS).flatMap((t) => [...t.things, ...t.problems]).join(' ').split(/\s+/)
  .concat('account team customer settings export import report dashboard calendar schedule language timezone backup archive storage quota upload download share permission role'.split(' '));

/**
 * The knowledge base and assist figures, in the kb lab organization of a runtime: category
 * accuracy on a generated labelled set (6 categories, 10 resolved tickets each to learn from,
 * 5 new ones each to classify), suggestion latency beside a plain ticket read, and search
 * latency over 1,000 articles beside the same read.
 */
export async function benchKb(contract: RuntimeContract): Promise<{ rows: string[][]; figures: Record<string, number> }> {
  const kb = contract.kbOrg as { orgId: string; tokens: Record<string, string> };
  const call = async (token: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${contract.httpUrl}${url}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return { body: (await res.json()) as Record<string, any>, etag: res.headers.get('etag') ?? '' };
  };
  const agent = (method: string, url: string, body?: unknown, headers?: Record<string, string>) => call(kb.tokens.agent!, method, url, body, headers);
  const clients = createDynamoClients({ endpoint: contract.dynamodbEndpoint });
  const store = createStore(clients.document, contract.tableName);
  const run = randomUUID().slice(0, 6);
  try {
    // 1. Category accuracy: learn from resolved tickets, then classify new ones.
    const rnd = random(19);
    const ids = Object.fromEntries(Object.keys(TOPICS).map((c) => [c, `${c}-${run}`]));
    for (const [name, id] of Object.entries(ids)) await call(kb.tokens.admin!, 'POST', '/v1/categories', { id, name });
    const modelDocs = async () => (await store.entities.assistModel.query.byOrg({ orgId: kb.orgId }).go({ pages: 'all', attributes: ['categoryId', 'docs'] })).data
      .filter((item) => Object.values(ids).includes(item.categoryId)).reduce((sum, item) => sum + (item.docs ?? 0), 0);
    for (let i = 0; i < TRAIN_PER_CATEGORY; i++) {
      for (const category of Object.keys(TOPICS)) {
        const created = await agent('POST', '/v1/tickets', { ...labelledTicket(rnd, category), category: ids[category], requester: { email: 'bench-kb@example.com' } });
        await agent('PATCH', `/v1/tickets/${created.body.id}`, { status: 'resolved', resolution: 'Fixed' }, { 'if-match': created.etag });
      }
    }
    const learnt = Object.keys(TOPICS).length * TRAIN_PER_CATEGORY;
    for (let waited = 0; (await modelDocs()) < learnt; waited += 250) {
      if (waited > 120_000) throw new Error('the assistant did not learn from every resolved ticket within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    let correct = 0;
    let answered = 0;
    const tests = Object.keys(TOPICS).flatMap((category) => Array.from({ length: TEST_PER_CATEGORY }, () => ({ category, ticket: labelledTicket(rnd, category) })));
    for (const test of tests) {
      const { body } = await agent('POST', '/v1/assist/suggest', test.ticket);
      if (body.category) answered++;
      if (body.category?.id === ids[test.category]) correct++;
    }
    const accuracy = correct / tests.length;

    // 2. Suggestion latency beside a plain ticket read (same agent, same organization).
    const sample = await agent('POST', '/v1/tickets', { ...labelledTicket(rnd, 'billing'), requester: { email: 'bench-kb@example.com' } });
    const suggestOnce = () => agent('POST', '/v1/assist/suggest', labelledTicket(rnd, pick(rnd, Object.keys(TOPICS))));
    const readOnce = () => agent('GET', `/v1/tickets/${sample.body.id}`);
    for (let i = 0; i < 10; i++) await Promise.all([suggestOnce(), readOnce()]);
    const [suggestMs, readMs] = await sideBySide(SAMPLES, suggestOnce, readOnce);

    // 3. Search over 1,000 articles: written straight to the table, then one change through the API rebuilds the index.
    const ulid = monotonicFactory();
    const at = new Date().toISOString();
    const articles: KbArticle[] = Array.from({ length: ARTICLES }, (_, i) => {
      const category = pick(rnd, Object.keys(TOPICS));
      const body = Array.from({ length: 80 }, () => pick(rnd, VOCABULARY)).join(' ');
      const title = `${labelledTicket(rnd, category).subject} (${i})`;
      return {
        orgId: kb.orgId, articleId: ulid(), title, body, html: renderMarkdown(body), tags: [category], status: 'published',
        audience: rnd() < 0.8 ? 'public' : 'internal', version: 1, authorId: 'bench', createdAt: at, updatedAt: at,
      };
    });
    for (let i = 0; i < articles.length; i += 25) await store.entities.kbArticle.put(articles.slice(i, i + 25)).go();
    await agent('POST', '/v1/kb/articles', { title: `Bench marker ${run}`, body: 'marker', status: 'published', audience: 'internal' });
    for (let waited = 0; ; waited += 250) {
      const pointer = (await store.entities.kbIndex.get({ orgId: kb.orgId }).go()).data;
      if (pointer && pointer.articleCount >= ARTICLES + 1) break;
      if (waited > 120_000) throw new Error('the search index was not rebuilt within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const searchOnce = () => agent('GET', `/v1/kb/search?limit=5&q=${encodeURIComponent(labelledTicket(rnd, pick(rnd, Object.keys(TOPICS))).subject)}`);
    for (let i = 0; i < 10; i++) await searchOnce();
    const [searchMs, readMs2] = await sideBySide(SAMPLES, searchOnce, readOnce);

    const [s, r, q, r2] = [summarise(suggestMs), summarise(readMs), summarise(searchMs), summarise(readMs2)];
    return {
      rows: [
        [`assist category accuracy (6 categories, ${TRAIN_PER_CATEGORY} resolved each to learn, ${TEST_PER_CATEGORY} new each)`, `${(accuracy * 100).toFixed(1)} % (${correct}/${tests.length})`, `${answered} answered`, '', '≥ 80 %', accuracy >= 0.8 ? 'met' : 'MISSED'],
        [`POST /v1/assist/suggest vs GET ticket (${SAMPLES} samples)`, `${ms(s.p50)} / ${ms(s.p99)}`, `${ms(r.p50)} / ${ms(r.p99)}`, (s.p50 / r.p50).toFixed(2), '—', ''],
        [`GET /v1/kb/search over ${ARTICLES.toLocaleString('en')} articles vs GET ticket`, `${ms(q.p50)} / ${ms(q.p99)}`, `${ms(r2.p50)} / ${ms(r2.p99)}`, (q.p50 / r2.p50).toFixed(2), '—', ''],
      ],
      figures: {
        'kb.categoryAccuracy': accuracy, 'kb.categoryAnswered': answered / tests.length,
        'kb.suggest.p50Ms': s.p50, 'kb.suggest.p99Ms': s.p99, 'kb.suggest.baselineP50Ms': r.p50, 'kb.suggest.ratio': s.p50 / r.p50,
        'kb.search1000.p50Ms': q.p50, 'kb.search1000.p99Ms': q.p99, 'kb.search1000.baselineP50Ms': r2.p50, 'kb.search1000.ratio': q.p50 / r2.p50,
      },
    };
  } finally {
    clients.client.destroy();
  }
}

// `node --import tsx bench/kb.ts`: these figures alone, on a runtime of their own.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-bench-kb-'));
  const runtime = await startRuntimeProcess(dataDir);
  try {
    const { rows, figures } = await benchKb(runtime.contract);
    for (const row of rows) console.log(row.filter(Boolean).join('  |  '));
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await runtime.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

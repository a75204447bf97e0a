import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../../functions/domain/analytics/csv';
import { bucketOf, lowerEdge, upperEdge } from '../../functions/domain/analytics/histogram';
import { expectMovedBy } from '../support/dev-clock';
import { eventually } from '../support/eventually';
import { freshOrg } from '../support/fresh-org';
import { api, patchTicketAtCurrentVersion } from '../support/http-client';

/*
 * Statistics cover a whole organization, so this file works in an organization of its own.
 * The clock is the runtime's dev clock: real time plus the offset the test moves, so each step
 * lands a few milliseconds after its nominal minute; the expected values are computed by hand
 * from the timestamps the API returned for each step.
 */
const MIN = 60;
const SLOW = 90_000;
let org: Awaited<ReturnType<typeof freshOrg>>;
let as: Record<'admin' | 'supervisor' | 'agent' | 'agent2' | 'customer', ReturnType<typeof api>>;

beforeAll(async () => {
  org = await freshOrg('org_stats');
  as = Object.fromEntries(Object.entries(org.users).map(([name, user]) => [name, api(user.token)])) as typeof as;
});
afterAll(() => org?.close());

const advance = async (seconds: number) => expect((await as.admin.post('/v1/dev/clock', { seconds })).status).toBe(200);
const ms = (iso: string) => Date.parse(iso);
const ticketOf = async (id: string) => (await as.agent.get(`/v1/tickets/${id}`)).body;
const patch = (id: string, body: Record<string, unknown>) => patchTicketAtCurrentVersion(as.agent, id, body);
const inBucketOf = (value: number | null, exact: number) => {
  const bucket = bucketOf(exact);
  expect(value).not.toBeNull();
  expect(value!).toBeGreaterThanOrEqual(lowerEdge(bucket));
  expect(value!).toBeLessThan(upperEdge(bucket));
};
const avg = (...millis: number[]) => Math.round(millis.reduce((a, b) => a + b, 0) / millis.length) / 1000;

describe('analytics: rollups and the stats API over a known history', () => {
  let range: string;
  let overview: Record<string, any>;
  const ticketIds: string[] = [];

  it('measures every overview figure as computed by hand', async () => {
    const { users } = org;
    const requester = { name: 'Rita Requester', email: users.customer.email };
    const start = (await as.agent.get('/v1/dev/clock')).body.now as string;
    range = `from=${start.slice(0, 10)}&to=${new Date(ms(start) + 86_400_000).toISOString().slice(0, 10)}&tz=UTC`;
    // Critical on the product's 24x7 defaults: first response 30 min, resolution 4 h.
    const a = (await as.agent.post('/v1/tickets', { subject: 'A', description: 'a', priority: 'critical', requester, assigneeId: users.agent.id })).body;
    const b = (await as.agent.post('/v1/tickets', { subject: 'B', description: 'b', priority: 'critical', requester, assigneeId: users.agent2.id })).body;
    await advance(5 * MIN);
    const paused = await patch(b.id, { status: 'waiting_on_customer' });
    await advance(5 * MIN);
    expect((await as.agent.post(`/v1/tickets/${a.id}/messages`, { body: 'On it', internal: false })).status).toBe(201);
    await advance(15 * MIN);
    const resumed = await patch(b.id, { status: 'open' });
    await advance(15 * MIN);
    expect((await as.agent2.post(`/v1/tickets/${b.id}/messages`, { body: 'Looking', internal: false })).status).toBe(201);
    await advance(80 * MIN);
    const resolvedA = await patch(a.id, { status: 'resolved', resolution: 'Fixed' });
    await advance(180 * MIN);
    const resolvedB = await patch(b.id, { status: 'resolved', resolution: 'Fixed too' });
    await advance(10 * MIN);
    expect((await as.customer.post(`/v1/tickets/${a.id}/rating`, { score: 5 })).status).toBe(201);
    expect((await as.customer.post(`/v1/tickets/${b.id}/rating`, { score: 2 })).status).toBe(201);
    // The resolution's business time is read from the ticket's SLA clock: let it be rolled up before B reopens.
    await eventually(async () => expect((await as.supervisor.get(`/v1/stats/overview?${range}`)).body.resolution.business.count).toBe(2), SLOW);
    await advance(10 * MIN);
    await patch(a.id, { status: 'closed' });
    expect((await as.customer.post(`/v1/tickets/${b.id}/messages`, { body: 'Still broken', internal: false })).status).toBe(201);
    const c = (await as.agent.post('/v1/tickets', { subject: 'C', description: 'c', priority: 'low', requester })).body;
    expect(c.status).toBe('new');
    ticketIds.push(a.id, b.id, c.id);

    const [ta, tb] = [await ticketOf(a.id), await ticketOf(b.id)];
    const frA = ms(ta.firstResponseAt) - ms(ta.createdAt);
    const frB = ms(tb.firstResponseAt) - ms(tb.createdAt);
    const pause = ms(resumed.updatedAt) - ms(paused.updatedAt);
    const resA = ms(resolvedA.resolution.at) - ms(ta.createdAt);
    const resB = ms(resolvedB.resolution.at) - ms(tb.createdAt);
    // The nominal history, plus the real time the steps themselves took.
    expectMovedBy(frA / 1000, 10 * MIN);
    expectMovedBy(frB / 1000, 40 * MIN);
    expectMovedBy(pause / 1000, 20 * MIN);
    expectMovedBy(resA / 1000, 120 * MIN);
    expectMovedBy(resB / 1000, 300 * MIN);

    const expected = {
      created: 3, resolved: 2, closed: 1, reopened: 1,
      backlog: { byStatus: { new: 1, open: 1, in_progress: 0, waiting_on_customer: 0, waiting_on_third_party: 0, resolved: 0, closed: 1, cancelled: 0 } },
      firstResponse: { count: 2, avgSeconds: avg(frA, frB), business: { count: 2 } },
      resolution: { count: 2, avgSeconds: avg(resA, resB), business: { count: 2 } },
      // B answered after 20 business minutes (met); resolved after 4 h 40 business minutes (breached).
      sla: { firstResponse: { met: 2, breached: 0, rate: 1 }, resolution: { met: 1, breached: 1, rate: 0.5 } },
      csat: { count: 2, average: 3.5, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } },
    };
    overview = await eventually(async () => {
      const res = await as.supervisor.get(`/v1/stats/overview?${range}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject(expected);
      return res.body;
    }, SLOW);
    // Business time comes from the SLA clock, which reads the clock apart from the ticket's own
    // timestamps (milliseconds apart); the integration test checks it to the millisecond on a frozen clock.
    expect(overview.firstResponse.business.avgSeconds).toBeCloseTo(avg(frA, frB - pause), 1);
    expect(overview.resolution.business.avgSeconds).toBeCloseTo(avg(resA, resB - pause), 1);
    // Percentiles by nearest rank of two values: p50 is the smaller, p90 the larger, each within its bucket.
    inBucketOf(overview.firstResponse.p50Seconds, frA / 1000);
    inBucketOf(overview.firstResponse.p90Seconds, frB / 1000);
    inBucketOf(overview.firstResponse.business.p90Seconds, (frB - pause) / 1000);
    inBucketOf(overview.resolution.p50Seconds, resA / 1000);
    inBucketOf(overview.resolution.p90Seconds, resB / 1000);
    inBucketOf(overview.resolution.business.p50Seconds, resA / 1000);
    inBucketOf(overview.resolution.business.p90Seconds, (resB - pause) / 1000);
    // An agent sees the same team totals.
    expect((await as.agent.get(`/v1/stats/overview?${range}`)).body).toEqual(overview);
  }, 4 * SLOW);

  it('counts a redelivered event once', async () => {
    // The events of our three tickets (the runtime's event log, asked per ticket).
    // The log records an event once every target took it: wait until all three creations are there.
    const again = await eventually(async () => {
      const found: { detail: { id: string; type: string } }[] = [];
      for (const id of ticketIds) {
        const items = (await as.agent.get(`/v1/dev/events?ticketId=${id}`)).body.items as { detail: { id: string; type: string } }[];
        found.push(...items.filter((e) => ['ticket.created', 'ticket.status.changed', 'ticket.rated', 'ticket.message.added'].includes(e.detail.type)));
      }
      expect(found.filter((e) => e.detail.type === 'ticket.created')).toHaveLength(3);
      return found;
    }, SLOW);
    const rollupRuns = async () => ((await as.admin.get('/v1/dev/capacity')).body.labels['queue:stats-rollup']?.invocations ?? 0) as number;
    const runsBefore = await rollupRuns();
    // All at once, as a burst of redeliveries would come: the rollup's queue takes them in a batch
    // (its window), beside each other. Redelivery answers once the rule targets took the event, a
    // queue target's consumer included: the figures are as they were.
    const answers = await Promise.all(again.map((event) => as.admin.post(`/v1/dev/events/${event.detail.id}/redeliver`)));
    expect(answers.map((res) => res.status)).toEqual(again.map(() => 202));
    expect(await rollupRuns()).toBeGreaterThan(runsBefore);
    expect((await as.supervisor.get(`/v1/stats/overview?${range}`)).body).toEqual(overview);
  }, 2 * SLOW);

  it('breaks the measures down per agent (an agent sees only their own line), channel and category', async () => {
    const agents = (await as.supervisor.get(`/v1/stats/agents?${range}`)).body.items as { key: string; firstResponse: { count: number } }[];
    const byKey = Object.fromEntries(agents.map((line) => [line.key, line]));
    expect(byKey[org.users.agent.id]).toMatchObject({ firstResponse: { count: 1 } });
    expect(byKey[org.users.agent2.id]).toMatchObject({ firstResponse: { count: 1 } });
    const own = (await as.agent2.get(`/v1/stats/agents?${range}`)).body.items as { key: string }[];
    expect(own.map((line) => line.key)).toEqual([org.users.agent2.id]);
    const channels = (await as.agent.get(`/v1/stats/channels?${range}`)).body.items as { key: string; created: number }[];
    expect(channels.map((line) => [line.key, line.created])).toEqual([['api', 3]]);
    const categories = (await as.agent.get(`/v1/stats/categories?${range}`)).body.items as { key: string; created: number }[];
    expect(categories.map((line) => [line.key, line.created])).toEqual([['none', 3]]);
    const series = (await as.agent.get(`/v1/stats/timeseries?${range}&metric=created&interval=day`)).body;
    expect(series.points).toHaveLength(2);
    expect(series.points.reduce((sum: number, p: { value: number }) => sum + p.value, 0)).toBe(3);
  });

  it('answers bad ranges with 400 problems and customers with 403, storing nothing', async () => {
    for (const query of ['from=2026-01-02&to=2026-01-01', 'from=2025-01-01&to=2026-01-02', 'from=2026-01-01&to=2026-01-02&tz=Mars/Base',
      'from=2026-02-30&to=2026-03-01', 'to=2026-01-01', 'from=2026-01-01&to=2026-03-01&metric=created&interval=hour']) {
      const path = query.includes('metric') ? '/v1/stats/timeseries' : '/v1/stats/overview';
      const res = await as.supervisor.get(`${path}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await as.customer.get(`/v1/stats/overview?${range}`)).status).toBe(403);
    expect((await as.supervisor.get(`/v1/stats/overview?${range}`)).body).toEqual(overview);
  });

  /** Polls an export until done, then fetches its link: the file's text. */
  async function finished(exportId: string, client = as.supervisor) {
    const done = await eventually(async () => {
      const res = await client.get(`/v1/exports/${exportId}`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('done');
      return res.body;
    }, SLOW);
    const file = await fetch(done.url);
    expect(file.status).toBe(200);
    return { view: done, text: await file.text(), type: file.headers.get('content-type') };
  }

  it('exports tickets, messages and daily stats as CSV a worker writes, read back through a short-lived link', async () => {
    const requester = { name: 'Rita Requester', email: org.users.customer.email };
    const tricky = 'Broken, "again"\u00e9';
    const d = (await as.agent.post('/v1/tickets', { subject: tricky, description: 'line one\nline two', priority: 'low', requester })).body;
    expect((await as.customer.post(`/v1/tickets/${d.id}/messages`, { body: 'Commas, "quotes"\r\nand lines', internal: false })).status).toBe(201);

    const body = { kind: 'tickets', ...Object.fromEntries(new URLSearchParams(range)) };
    expect((await as.agent.post('/v1/exports', body)).status).toBe(403);
    for (const bad of [{ ...body, kind: 'everything' }, { ...body, to: '1999-01-01' }, { ...body, filters: { colour: 'red' } }]) {
      const res = await as.supervisor.post('/v1/exports', bad);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await as.supervisor.get('/v1/exports/01NOSUCHEXPORT')).status).toBe(404);

    const accepted = await as.supervisor.post('/v1/exports', body);
    expect(accepted.status).toBe(202);
    const tickets = await finished(accepted.body.exportId);
    expect(tickets.type).toContain('text/csv');
    expect(tickets.view.url).toMatch(/^http/);
    const rows = parseCsv(tickets.text);
    const [header, ...data] = rows;
    expect(header.slice(0, 4)).toEqual(['number', 'ticketId', 'subject', 'status']);
    expect(data).toHaveLength(4);
    expect(tickets.view.rows).toBe(4);
    expect(data.every((row) => row.length === header.length)).toBe(true);
    expect(data.find((row) => row[1] === d.id)?.[2]).toBe(tricky);
    expect(tickets.text.endsWith('\r\n')).toBe(true);

    const filtered = await finished((await as.supervisor.post('/v1/exports', { ...body, filters: { priority: 'critical' } })).body.exportId);
    expect(parseCsv(filtered.text).slice(1).map((row) => row[2]).sort()).toEqual(['A', 'B']);

    const messages = await finished((await as.supervisor.post('/v1/exports', { ...body, kind: 'messages' })).body.exportId);
    const bodies = parseCsv(messages.text).slice(1).map((row) => row[8]);
    expect(bodies).toEqual(expect.arrayContaining(['On it', 'Looking', 'Still broken', 'Commas, "quotes"\r\nand lines']));

    const stats = await finished((await as.admin.post('/v1/exports', { ...body, kind: 'stats' })).body.exportId, as.admin);
    const [statsHeader, ...days] = parseCsv(stats.text);
    expect(statsHeader.slice(0, 3)).toEqual(['date', 'created', 'resolved']);
    expect(days).toHaveLength(2);
    await eventually(async () => {
      const again = await finished((await as.admin.post('/v1/exports', { ...body, kind: 'stats' })).body.exportId, as.admin);
      expect(parseCsv(again.text).slice(1).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(4);
    }, SLOW);
  }, 6 * SLOW);

  it('exports a requester\'s data as a JSON bundle, then erases it: refused under legal hold, idempotent, nothing found after', async () => {
    const email = org.users.customer.email;
    expect((await as.supervisor.post('/v1/privacy/exports', { email })).status).toBe(403);
    expect((await as.admin.post('/v1/privacy/exports', { email: 'not-an-email' })).status).toBe(400);
    const bundle = await finished((await as.admin.post('/v1/privacy/exports', { email })).body.exportId, as.admin);
    const json = JSON.parse(bundle.text);
    expect(json.tickets).toHaveLength(4);
    expect(json.tickets.flatMap((t: { messages: { body: string }[] }) => t.messages.map((m) => m.body))).toContain('Still broken');
    expect(json.tickets.find((t: { subject: string }) => t.subject === 'A').rating).toMatchObject({ score: 5 });
    expect(bundle.view.rows).toBe(4);
    // A supervisor does not read a privacy bundle.
    expect((await as.supervisor.get(`/v1/exports/${bundle.view.exportId}`)).status).toBe(403);

    const listed = (await as.agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}`)).body.items as { id: string; status: string }[];
    expect(listed).toHaveLength(4);
    // An open ticket first: the requester still writes to it.
    const before = [...listed.filter((t) => t.status === 'new'), ...listed.filter((t) => t.status !== 'new')];
    // A customer file on one of their messages: the erasure deletes it.
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'), Buffer.alloc(500, 0x5a)]);
    const created = await as.customer.post(`/v1/tickets/${before[0]!.id}/attachments`, { filename: 'id-card.png', contentType: 'image/png', size: png.length });
    expect(created.status).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(created.body.upload.fields as Record<string, string>)) form.append(name, value);
    form.append('file', new Blob([png], { type: 'image/png' }), 'id-card.png');
    expect((await fetch(created.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
    const withFile = await as.customer.post(`/v1/tickets/${before[0]!.id}/messages`, { body: 'My ID', internal: false, attachmentIds: [created.body.attachmentId] });
    expect(withFile.status, JSON.stringify(withFile.body)).toBe(201);
    const fileUrl = async () => fetch(`${inject('runtime').httpUrl}/v1/tickets/${before[0]!.id}/attachments/${created.body.attachmentId}`, {
      headers: { authorization: `Bearer ${org.users.agent.token}` }, redirect: 'manual',
    });
    expect((await fileUrl()).status).toBe(302);

    const { data: orgItem } = await org.store.entities.organization.get({ orgId: org.orgId }).go();
    await org.store.entities.organization.patch({ orgId: org.orgId }).set({ settings: { ...(orgItem?.settings ?? {}), legalHold: true } }).go();
    const held = await as.admin.post('/v1/privacy/erasures', { email });
    expect(held.status).toBe(409);
    expect(held.headers.get('content-type')).toBe('application/problem+json');
    expect(held.body.type).toMatch(/legal-hold$/);
    expect((await as.agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}`)).body.items).toHaveLength(4);
    await org.store.entities.organization.patch({ orgId: org.orgId }).set({ settings: { ...(orgItem?.settings ?? {}), legalHold: false } }).go();

    expect((await as.supervisor.post('/v1/privacy/erasures', { email })).status).toBe(403);
    const erased = await as.admin.post('/v1/privacy/erasures', { email: email.toUpperCase() });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ tickets: 4, attachments: 1 });
    expect(erased.body.messages).toBeGreaterThanOrEqual(3);

    // Nothing is found by the requester's address any more; the tickets stay, scrubbed.
    expect((await as.agent.get(`/v1/tickets?requesterEmail=${encodeURIComponent(email)}`)).body.items).toEqual([]);
    const ticket = await ticketOf(before[0]!.id);
    expect(ticket.requester).toMatchObject({ name: null, phone: null });
    expect(ticket.requester.email).toMatch(/@erased\.invalid$/);
    expect(ticket.description).toBe('[erased]');
    const thread = (await as.agent.get(`/v1/tickets/${before[0]!.id}/messages?limit=100`)).body.items as { body: string; authorRole: string }[];
    expect(thread.filter((m) => m.authorRole === 'customer').every((m) => m.body === '[erased]')).toBe(true);
    expect(JSON.stringify(await as.agent.get(`/v1/tickets/${before[0]!.id}`))).not.toContain(email);
    expect((await fileUrl()).status).toBe(404);
    const audit = (await as.agent.get(`/v1/tickets/${before[0]!.id}`)).body.activities as { type: string; actor: { id: string } }[];
    expect(audit.find((a) => a.type === 'privacy.erased')).toMatchObject({ actor: { id: org.users.admin.id } });
    const emptyBundle = await finished((await as.admin.post('/v1/privacy/exports', { email })).body.exportId, as.admin);
    expect(JSON.parse(emptyBundle.text).tickets).toEqual([]);

    // Again: nothing left to erase, nothing changes; the statistics still count the tickets.
    expect((await as.admin.post('/v1/privacy/erasures', { email })).body).toMatchObject({ tickets: 0, messages: 0, attachments: 0 });
    expect((await as.supervisor.get(`/v1/stats/overview?${range}`)).body.created).toBe(4);
  }, 4 * SLOW);
});

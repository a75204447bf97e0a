import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, lowerEdge, upperEdge } from '../../functions/domain/analytics/histogram';
import { eventually } from '../support/eventually';
import { freshOrg } from '../support/fresh-org';
import { api } from '../support/http-client';

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
async function patch(id: string, body: Record<string, unknown>) {
  const current = await ticketOf(id);
  const res = await as.agent.patch(`/v1/tickets/${id}`, body, { 'if-match': `"${current.version}"` });
  expect(res.status).toBe(200);
  return res.body;
}
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

    const [ta, tb] = [await ticketOf(a.id), await ticketOf(b.id)];
    const frA = ms(ta.firstResponseAt) - ms(ta.createdAt);
    const frB = ms(tb.firstResponseAt) - ms(tb.createdAt);
    const pause = ms(resumed.updatedAt) - ms(paused.updatedAt);
    const resA = ms(resolvedA.resolution.at) - ms(ta.createdAt);
    const resB = ms(resolvedB.resolution.at) - ms(tb.createdAt);
    // The nominal history, within the few seconds the steps themselves took.
    expect(frA / 1000).toBeCloseTo(10 * MIN, -1);
    expect(frB / 1000).toBeCloseTo(40 * MIN, -1);
    expect(pause / 1000).toBeCloseTo(20 * MIN, -1);
    expect(resA / 1000).toBeCloseTo(120 * MIN, -1);
    expect(resB / 1000).toBeCloseTo(300 * MIN, -1);

    const expected = {
      created: 3, resolved: 2, closed: 1, reopened: 1,
      backlog: { byStatus: { new: 1, open: 1, in_progress: 0, waiting_on_customer: 0, waiting_on_third_party: 0, resolved: 0, closed: 1, cancelled: 0 } },
      firstResponse: { count: 2, avgSeconds: avg(frA, frB), business: { count: 2, avgSeconds: avg(frA, frB - pause) } },
      resolution: { count: 2, avgSeconds: avg(resA, resB), business: { count: 2, avgSeconds: avg(resA, resB - pause) } },
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
    const events = (await as.agent.get('/v1/dev/events?type=ticket.created')).body.items as { detail: { id: string; orgId: string } }[];
    const ours = events.filter((e) => e.detail.orgId === org.orgId);
    expect(ours).toHaveLength(3);
    const statusChanges = (await as.agent.get('/v1/dev/events?type=ticket.status.changed')).body.items as { detail: { id: string; orgId: string } }[];
    const rated = (await as.agent.get('/v1/dev/events?type=ticket.rated')).body.items as { detail: { id: string; orgId: string } }[];
    const again = [...ours, ...statusChanges.filter((e) => e.detail.orgId === org.orgId), ...rated.filter((e) => e.detail.orgId === org.orgId)];
    for (const event of again) expect((await as.admin.post(`/v1/dev/events/${event.detail.id}/redeliver`)).status).toBe(202);
    // Redelivery runs the rule targets before it answers: the figures are as they were.
    expect((await as.supervisor.get(`/v1/stats/overview?${range}`)).body).toEqual(overview);
  });

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
});

import { beforeAll, describe, expect, it } from 'vitest';
import { applyTicketStats } from '../../../../functions/domain/analytics/rollup';
import { bucketOf, lowerEdge, upperEdge } from '../../../../functions/domain/analytics/histogram';
import { statsBreakdown, statsOverview, statsTimeseries } from '../../../../functions/domain/analytics/stats-query';
import { createCategory } from '../../../../functions/domain/catalog/manage-categories';
import { eventFromActivity } from '../../../../functions/domain/events/event-from-activity';
import type { Deps } from '../../../../functions/domain/store/store';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { rateTicket } from '../../../../functions/domain/tickets/rate-ticket';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import type { TicketEvent } from '../../../../schemas/events';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
let clock = T0;
let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
const at = (ms: number) => { clock = T0 + ms; };

beforeAll(async () => {
  ({ deps } = await integrationDeps(() => new Date(clock)));
  org = await seedOrg(deps);
  await createCategory(deps, org.admin, { id: 'billing', name: 'Billing' });
  await createCategory(deps, org.admin, { id: 'account', name: 'Account' });
});

async function eventsOf(ticketId: string): Promise<TicketEvent[]> {
  const { data } = await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId }).go({ pages: 'all' });
  return data.map((a) => eventFromActivity(a)).filter((e): e is TicketEvent => Boolean(e));
}

const inBucketOf = (value: number | null, exact: number) => {
  const bucket = bucketOf(exact);
  expect(value).not.toBeNull();
  expect(value!).toBeGreaterThanOrEqual(lowerEdge(bucket));
  expect(value!).toBeLessThan(upperEdge(bucket));
};

describe('stats rollups from ticket events (DynamoDB Local)', () => {
  it('measure a known history exactly, and count a redelivered event once', async () => {
    const requester = { email: org.customer.email, name: 'Carla' };
    const base = { description: 'd', priority: 'critical' as const, tags: [], customFields: {}, requester };
    // Critical on the 24x7 default policy: first response 30 min, resolution 4 h.
    at(0);
    const a = await createTicket(deps, org.agent, { ...base, subject: 'A', category: 'billing', assigneeId: org.agent.userId });
    const b = await createTicket(deps, org.agent, { ...base, subject: 'B', category: 'account', assigneeId: org.agent2.userId });
    at(5 * MIN);
    await updateTicket(deps, org.agent, b.ticketId, { status: 'waiting_on_customer' }, 1);
    at(10 * MIN);
    await addMessage(deps, org.agent, a.ticketId, { body: 'On it', internal: false });
    at(25 * MIN);
    await updateTicket(deps, org.agent, b.ticketId, { status: 'open' }, 2);
    at(40 * MIN);
    await addMessage(deps, org.agent2, b.ticketId, { body: 'Looking', internal: false });
    at(120 * MIN);
    await updateTicket(deps, org.agent, a.ticketId, { status: 'resolved', resolution: 'Fixed' }, 2);
    at(300 * MIN);
    await updateTicket(deps, org.agent2, b.ticketId, { status: 'resolved', resolution: 'Fixed' }, 4);
    at(310 * MIN);
    await rateTicket(deps, org.customer, a.ticketId, { score: 5 });
    await rateTicket(deps, org.customer, b.ticketId, { score: 2 });
    at(320 * MIN);
    await updateTicket(deps, org.agent, a.ticketId, { status: 'closed' }, 4);
    await addMessage(deps, org.customer, b.ticketId, { body: 'Still broken', internal: false });
    const c = await createTicket(deps, org.agent, { ...base, subject: 'C', priority: 'low' });

    const events = [...(await eventsOf(a.ticketId)), ...(await eventsOf(b.ticketId)), ...(await eventsOf(c.ticketId))];
    const outcomes = await Promise.all(events.map((event) => applyTicketStats(deps, event)));
    expect(outcomes).not.toContain('duplicate');
    // Every event again, as EventBridge may deliver it: nothing changes.
    const again = await Promise.all(events.map((event) => applyTicketStats(deps, event)));
    expect(again.filter((o) => o === 'applied')).toEqual([]);

    const overview = await statsOverview(deps, org.supervisor, { from: '2026-03-02', to: '2026-03-02', tz: 'UTC' });
    expect(overview).toMatchObject({
      created: 3, resolved: 2, closed: 1, reopened: 1,
      backlog: { byStatus: { new: 1, open: 1, closed: 1, resolved: 0, waiting_on_customer: 0 } },
      firstResponse: { count: 2, avgSeconds: 1500, business: { count: 2, avgSeconds: 900 } },
      resolution: { count: 2, avgSeconds: 12_600, business: { count: 2, avgSeconds: 12_000 } },
      sla: { firstResponse: { met: 2, breached: 0, rate: 1 }, resolution: { met: 1, breached: 1, rate: 0.5 } },
      csat: { count: 2, average: 3.5, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } },
    });
    inBucketOf(overview.firstResponse.p50Seconds, 600);
    inBucketOf(overview.firstResponse.p90Seconds, 2400);
    inBucketOf(overview.firstResponse.business.p90Seconds, 1200);
    inBucketOf(overview.resolution.p50Seconds, 7200);
    inBucketOf(overview.resolution.p90Seconds, 18_000);
    inBucketOf(overview.resolution.business.p90Seconds, 16_800);

    // Auckland (UTC+13 in March): its 2 March ends at 11:00Z, so C (14:20Z) falls on its 3 March.
    const auckland = await statsOverview(deps, org.supervisor, { from: '2026-03-02', to: '2026-03-02', tz: 'Pacific/Auckland' });
    expect(auckland.created).toBe(2);
    expect((await statsOverview(deps, org.supervisor, { from: '2026-03-03', to: '2026-03-03', tz: 'Pacific/Auckland' })).created).toBe(1);

    const agents = await statsBreakdown(deps, org.supervisor, 'agent', { from: '2026-03-01', to: '2026-03-31', tz: 'UTC' });
    const line = (key: string) => agents.items.find((item) => item.key === key);
    expect(line(org.agent.userId)).toMatchObject({ firstResponse: { count: 1, avgSeconds: 600 }, resolved: 1, csat: { count: 1, average: 5 } });
    expect(line(org.agent2.userId)).toMatchObject({ firstResponse: { count: 1, avgSeconds: 2400 }, resolved: 1, csat: { count: 1, average: 2 } });
    const own = await statsBreakdown(deps, org.agent2, 'agent', { from: '2026-03-01', to: '2026-03-31', tz: 'UTC' });
    expect(own.items.map((item) => item.key)).toEqual([org.agent2.userId]);
    const categories = await statsBreakdown(deps, org.agent, 'category', { from: '2026-03-02', to: '2026-03-02', tz: 'UTC' });
    expect(Object.fromEntries(categories.items.map((item) => [item.key, item.created]))).toEqual({ account: 1, billing: 1, none: 1 });

    const hourly = await statsTimeseries(deps, org.agent, { from: '2026-03-02', to: '2026-03-02', tz: 'UTC', metric: 'created', interval: 'hour' });
    expect(hourly.points).toHaveLength(24);
    expect(hourly.points.filter((p) => p.value).map((p) => [p.start, p.value])).toEqual([
      ['2026-03-02T09:00:00.000Z', 2], ['2026-03-02T14:00:00.000Z', 1],
    ]);
    const daily = await statsTimeseries(deps, org.agent, { from: '2026-03-01', to: '2026-03-03', tz: 'Pacific/Auckland', metric: 'created', interval: 'day' });
    expect(daily.points.map((p) => [p.date, p.value])).toEqual([['2026-03-01', 0], ['2026-03-02', 2], ['2026-03-03', 1]]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { contributionOf } from '../../../../functions/domain/analytics/contribution';
import { applyTicketStatsBatch } from '../../../../functions/domain/analytics/rollup';
import { MAX_TRANSACTION_ITEMS, planRollupBatch, rollupOf } from '../../../../functions/domain/analytics/rollup-plan';
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
type Org = Awaited<ReturnType<typeof seedOrg>>;
let org: Org;
let twin: Org;
const at = (ms: number) => { clock = T0 + ms; };

beforeAll(async () => {
  ({ deps } = await integrationDeps(() => new Date(clock)));
  [org, twin] = [await seedOrg(deps), await seedOrg(deps)];
  for (const o of [org, twin]) {
    await createCategory(deps, o.admin, { id: 'billing', name: 'Billing' });
    await createCategory(deps, o.admin, { id: 'account', name: 'Account' });
  }
});

async function eventsOf(ticketId: string, orgId = org.orgId): Promise<TicketEvent[]> {
  const { data } = await deps.store.entities.activity.query.byTicket({ orgId, ticketId }).go({ pages: 'all' });
  return data.map((a) => eventFromActivity(a)).filter((e): e is TicketEvent => Boolean(e));
}

const inBucketOf = (value: number | null, exact: number) => {
  const bucket = bucketOf(exact);
  expect(value).not.toBeNull();
  expect(value!).toBeGreaterThanOrEqual(lowerEdge(bucket));
  expect(value!).toBeLessThan(upperEdge(bucket));
};

/** The same known history, played on the frozen clock in an organization: its events, in order. */
async function playHistory(o: Org): Promise<TicketEvent[]> {
  const requester = { email: o.customer.email, name: 'Carla' };
  const base = { description: 'd', priority: 'critical' as const, tags: [], customFields: {}, requester };
  // Critical on the 24x7 default policy: first response 30 min, resolution 4 h.
  at(0);
  const a = await createTicket(deps, o.agent, { ...base, subject: 'A', category: 'billing', assigneeId: o.agent.userId });
  const b = await createTicket(deps, o.agent, { ...base, subject: 'B', category: 'account', assigneeId: o.agent2.userId });
  at(5 * MIN);
  await updateTicket(deps, o.agent, b.ticketId, { status: 'waiting_on_customer' }, 1);
  at(10 * MIN);
  await addMessage(deps, o.agent, a.ticketId, { body: 'On it', internal: false });
  at(25 * MIN);
  await updateTicket(deps, o.agent, b.ticketId, { status: 'open' }, 2);
  at(40 * MIN);
  await addMessage(deps, o.agent2, b.ticketId, { body: 'Looking', internal: false });
  at(120 * MIN);
  await updateTicket(deps, o.agent, a.ticketId, { status: 'resolved', resolution: 'Fixed' }, 2);
  at(300 * MIN);
  await updateTicket(deps, o.agent2, b.ticketId, { status: 'resolved', resolution: 'Fixed' }, 4);
  at(310 * MIN);
  await rateTicket(deps, o.customer, a.ticketId, { score: 5 });
  await rateTicket(deps, o.customer, b.ticketId, { score: 2 });
  at(320 * MIN);
  await updateTicket(deps, o.agent, a.ticketId, { status: 'closed' }, 4);
  await addMessage(deps, o.customer, b.ticketId, { body: 'Still broken', internal: false });
  const c = await createTicket(deps, o.agent, { ...base, subject: 'C', priority: 'low' });
  return [...(await eventsOf(a.ticketId, o.orgId)), ...(await eventsOf(b.ticketId, o.orgId)), ...(await eventsOf(c.ticketId, o.orgId))];
}

describe('stats rollups from ticket events (DynamoDB Local)', () => {
  it('measure a known history exactly from one batch, once though an event is in it twice and the batch is delivered again', async () => {
    const events = await playHistory(org);
    // The batch holds two events twice, as a queue may deliver a message twice in one batch.
    const outcomes = await applyTicketStatsBatch(deps, [...events, events[0], events[4]]);
    expect(outcomes.slice(0, events.length)).not.toContain('duplicate');
    expect(outcomes.slice(0, events.length)).toContain('applied');
    expect(outcomes).not.toContain('failed');
    expect(outcomes.slice(events.length)).toEqual(['duplicate', 'duplicate']);
    // Every event again, as the queue may deliver it (its markers exist): nothing changes.
    const again = await applyTicketStatsBatch(deps, events);
    expect(again.filter((o) => o === 'applied' || o === 'failed')).toEqual([]);
    // A redelivery beside events never seen: only the new ones count (the seen ones are dropped and the rest retried).
    expect(again.filter((o) => o === 'duplicate').length).toBe(outcomes.slice(0, events.length).filter((o) => o === 'applied').length);

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

  it('adds up to the same figures applied one event a batch as in one batch', async () => {
    const events = await playHistory(twin);
    for (const event of events) expect(await applyTicketStatsBatch(deps, [event])).not.toContain('failed');
    const range = { from: '2026-03-01', to: '2026-03-31', tz: 'UTC' };
    const day = { from: '2026-03-02', to: '2026-03-02', tz: 'UTC' };
    expect(await statsOverview(deps, twin.supervisor, range)).toEqual(await statsOverview(deps, org.supervisor, range));
    for (const dimension of ['category', 'channel', 'priority'] as const) {
      expect(await statsBreakdown(deps, twin.supervisor, dimension, range)).toEqual(await statsBreakdown(deps, org.supervisor, dimension, range));
    }
    const agentLines = async (o: Org) => (await statsBreakdown(deps, o.supervisor, 'agent', range)).items
      .map(({ key, ...measures }) => ({ key: key.replace(o.orgId, 'org'), ...measures }));
    expect(await agentLines(twin)).toEqual(await agentLines(org));
    for (const metric of ['created', 'resolved', 'firstResponseAvgSeconds', 'csatAverage'] as const) {
      const series = async (o: Org) => (await statsTimeseries(deps, o.agent, { ...day, metric, interval: 'hour' })).points;
      expect(await series(twin)).toEqual(await series(org));
    }
  });

  it('splits one organization\'s batch into transactions of at most 100 items, and counts every event once', async () => {
    const own = await seedOrg(deps);
    at(24 * 60 * MIN);
    const ticket = await createTicket(deps, own.agent, {
      subject: 'Template', description: 'd', priority: 'low', tags: [], customFields: {}, requester: { email: own.customer.email, name: 'C' },
    });
    const [template] = (await eventsOf(ticket.ticketId, own.orgId)).filter((e) => e.type === 'ticket.created');
    // 60 creations, each in a category of its own: 60 markers and 2 cells each beside the shared ones.
    const events = Array.from({ length: 60 }, (_v, i) => ({
      ...template, id: `${template.id}-${String(i).padStart(2, '0')}`, ticket: { ...template.ticket, category: `cat${String(i).padStart(2, '0')}` },
    })) as TicketEvent[];
    const { chunks } = planRollupBatch(events.map((e) => rollupOf(e, contributionOf(e))));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.eventIds.length + chunk.cells.length).toBeLessThanOrEqual(MAX_TRANSACTION_ITEMS);

    // A first batch of 25, then all 60: the 25 are redeliveries sharing transactions with new events,
    // whose markers cancel them; they are dropped and the rest committed.
    expect(await applyTicketStatsBatch(deps, events.slice(0, 25))).toEqual(events.slice(0, 25).map(() => 'applied'));
    expect(await applyTicketStatsBatch(deps, events)).toEqual(events.map((_e, i) => (i < 25 ? 'duplicate' : 'applied')));
    const range = { from: '2026-03-03', to: '2026-03-03', tz: 'UTC' };
    const figures = async () => ({
      overview: await statsOverview(deps, own.supervisor, range),
      categories: (await statsBreakdown(deps, own.supervisor, 'category', range)).items.map((item) => [item.key, item.created]),
    });
    const applied = await figures();
    expect(applied.overview.created).toBe(60);
    expect(applied.overview.backlog.byStatus.new).toBe(60);
    expect(applied.categories).toEqual(events.map((e) => [e.ticket.category, 1]));
    // The whole batch again, reversed (other chunks, other shards): every event a duplicate, nothing added.
    expect(await applyTicketStatsBatch(deps, [...events].reverse())).toEqual(events.map(() => 'duplicate'));
    expect(await figures()).toEqual(applied);
  });
});

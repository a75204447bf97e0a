import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, lowerEdge, upperEdge } from '../../functions/domain/analytics/histogram';
import { expectMovedBy } from '../support/dev-clock';
import { eventually } from '../support/eventually';
import { freshOrg } from '../support/fresh-org';
import { api, patchTicketAtCurrentVersion } from '../support/http-client';

/*
 * The weekly summary through its real entry points: PATCH /v1/settings turns it on, the change's
 * job gives the organization its one recurring schedule (listed by /v1/dev/schedules), the dev
 * clock moves past the firing, and the mail is read back from the local outbox. The organization
 * is its own (statistics cover a whole organization). To keep the clock move short, the test
 * picks a fixed-offset zone (Etc/GMT±N) in which it is late afternoon now: the history fits in
 * that local day, and the summary goes out at the next local midnight, covering the seven local
 * dates before it.
 */
const MIN = 60;
const SLOW = 120_000;
let org: Awaited<ReturnType<typeof freshOrg>>;
let as: Record<'admin' | 'supervisor' | 'agent' | 'agent2' | 'customer', ReturnType<typeof api>>;
let mailbox: string;

beforeAll(async () => {
  org = await freshOrg('org_weekly');
  as = Object.fromEntries(Object.entries(org.users).map(([name, user]) => [name, api(user.token)])) as typeof as;
  // Weekly summaries are sent from the organization's mailbox (and the dev outbox lists an organization's mail by it).
  mailbox = `reports-${randomUUID().slice(0, 8)}@weekly.helpdesk.local`;
  expect((await as.admin.put(`/v1/mailboxes/${mailbox}`, { displayName: 'Acme Support' })).status).toBe(200);
});
afterAll(() => org?.close());

const advance = async (seconds: number) => expect((await as.admin.post('/v1/dev/clock', { seconds })).status).toBe(200);
const clockNow = async () => Date.parse((await as.admin.get('/v1/dev/clock')).body.now as string);
const ms = (iso: string) => Date.parse(iso);
const ticketOf = async (id: string) => (await as.agent.get(`/v1/tickets/${id}`)).body;
const patch = (id: string, body: Record<string, unknown>) => patchTicketAtCurrentVersion(as.agent, id, body);
const weeklySchedules = async () =>
  ((await as.admin.get('/v1/dev/schedules')).body.pending as { name: string; at: string; payload: { kind: string; orgId: string } }[])
    .filter((s) => s.payload.kind === 'weekly-summary');
async function summariesTo(email: string): Promise<ParsedMail[]> {
  const items = (await as.admin.get(`/v1/dev/outbox?to=${encodeURIComponent(email)}`)).body.items as { raw: string }[];
  const parsed = await Promise.all(items.filter((i) => i.raw.includes('X-Helpdesk-Report')).map((i) => simpleParser(i.raw)));
  return parsed;
}
/** The text part's `label: value` rows, per section title. */
function rowsOf(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const block of text.split(/\n\n/)) {
    const [title, ...rows] = block.split('\n');
    out[title!.trim()] = Object.fromEntries(rows.map((row) => row.trim().match(/^([^:]+):\s+(.*)$/)).filter(Boolean).map((m) => [m![1]!, m![2]!]));
  }
  return out;
}
/** `2 h 05 min 03 s` back to seconds. */
function seconds(duration: string): number {
  const unit: Record<string, number> = { d: 86_400, h: 3600, min: 60, s: 1 };
  return [...duration.matchAll(/(\d+) (d|h|min|s)\b/g)].reduce((sum, m) => sum + Number(m[1]) * unit[m[2]!]!, 0);
}
const inBucketOf = (value: number, exact: number) => {
  const bucket = bucketOf(exact);
  expect(value).toBeGreaterThanOrEqual(Math.floor(lowerEdge(bucket)));
  expect(value).toBeLessThanOrEqual(Math.ceil(upperEdge(bucket)));
};

describe('weekly summary mail to supervisors', () => {
  it('refuses bad settings with a 400 problem, storing nothing and scheduling nothing', async () => {
    const before = (await as.admin.get('/v1/settings')).body;
    for (const weeklySummary of [{ timeZone: 'Mars/Base' }, { hour: 24 }, { day: 'someday' }, { enabled: 'yes' }, { minute: 5 }]) {
      const res = await as.admin.patch('/v1/settings', { weeklySummary });
      expect(res.status, JSON.stringify(weeklySummary)).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await as.supervisor.patch('/v1/settings', { weeklySummary: { enabled: true } })).status).toBe(403);
    expect((await as.admin.get('/v1/settings')).body).toEqual(before);
    expect(before.settings.weeklySummary).toEqual({ enabled: false, day: 'monday', hour: 8, timeZone: 'UTC' });
    expect(await weeklySchedules()).toEqual([]);
  });

  it('mails last week\'s figures, computed from a known history, to each supervisor and admin once', async () => {
    // A zone where it is 16:xx now, so the history below ends before the local midnight.
    const start = await clockNow();
    let offset = (((16 - new Date(start).getUTCHours()) % 24) + 24) % 24;
    if (offset > 14) offset -= 24;
    const timeZone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const today = new Date(start + offset * 3_600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000);
    const day = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][tomorrow.getUTCDay()];
    const firing = Date.parse(`${tomorrow.toISOString().slice(0, 10)}T00:00:00Z`) - offset * 3_600_000;

    const enabled = await as.admin.patch('/v1/settings', { weeklySummary: { enabled: true, day, hour: 0, timeZone }, mailIdentity: { name: 'Acme Inc' } });
    expect(enabled.status).toBe(200);
    expect(enabled.body.settings.weeklySummary).toEqual({ enabled: true, day, hour: 0, timeZone });
    // The change is audited like any setting.
    const [change] = (await as.admin.get('/v1/settings/history')).body.items;
    expect(change.changes.weeklySummary.to).toEqual({ enabled: true, day, hour: 0, timeZone });
    // The job of the change gives the organization exactly one schedule, due at the next local midnight.
    const [schedule] = await eventually(async () => {
      const found = await weeklySchedules();
      expect(found).toHaveLength(1);
      return found;
    }, SLOW);
    expect(schedule!.payload.orgId).toBe(org.orgId);
    expect(ms(schedule!.at)).toBe(firing);

    // The history: A answered after 10 min and resolved after 2 h, B answered after 20 min and
    // resolved after 5 h (past its 4 h target), both rated; C still new.
    const requester = { name: 'Rita Requester', email: org.users.customer.email };
    const a = (await as.agent.post('/v1/tickets', { subject: 'A', description: 'a', priority: 'critical', requester, assigneeId: org.users.agent.id })).body;
    const b = (await as.agent.post('/v1/tickets', { subject: 'B', description: 'b', priority: 'critical', requester, assigneeId: org.users.agent2.id })).body;
    await advance(10 * MIN);
    expect((await as.agent.post(`/v1/tickets/${a.id}/messages`, { body: 'On it', internal: false })).status).toBe(201);
    await advance(10 * MIN);
    expect((await as.agent2.post(`/v1/tickets/${b.id}/messages`, { body: 'Looking', internal: false })).status).toBe(201);
    await advance(100 * MIN);
    const resolvedA = await patch(a.id, { status: 'resolved', resolution: 'Fixed' });
    await advance(180 * MIN);
    const resolvedB = await patch(b.id, { status: 'resolved', resolution: 'Fixed too' });
    expect((await as.customer.post(`/v1/tickets/${a.id}/rating`, { score: 5 })).status).toBe(201);
    expect((await as.customer.post(`/v1/tickets/${b.id}/rating`, { score: 2 })).status).toBe(201);
    const c = (await as.agent.post('/v1/tickets', { subject: 'C', description: 'c', priority: 'low', requester })).body;
    expect(c.status).toBe('new');
    expect(await clockNow()).toBeLessThan(firing);

    const [ta, tb] = [await ticketOf(a.id), await ticketOf(b.id)];
    const frA = (ms(ta.firstResponseAt) - ms(ta.createdAt)) / 1000;
    const frB = (ms(tb.firstResponseAt) - ms(tb.createdAt)) / 1000;
    const resA = (ms(resolvedA.resolution.at) - ms(ta.createdAt)) / 1000;
    const resB = (ms(resolvedB.resolution.at) - ms(tb.createdAt)) / 1000;
    expectMovedBy(frA, 10 * MIN);
    expectMovedBy(frB, 20 * MIN);
    expectMovedBy(resA, 120 * MIN);
    expectMovedBy(resB, 300 * MIN);
    // Let the rollups take every event of the history before the firing reads them.
    const week = { from: new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10), to: today };
    const range = `from=${week.from}&to=${week.to}&tz=${encodeURIComponent(timeZone)}`;
    const overview = await eventually(async () => {
      const res = (await as.supervisor.get(`/v1/stats/overview?${range}`)).body;
      expect(res).toMatchObject({ created: 3, resolved: 2, csat: { count: 2 }, backlog: { byStatus: { new: 1, resolved: 2 } } });
      return res;
    }, SLOW);

    await advance(Math.ceil((firing - (await clockNow())) / 1000) + MIN);
    const [mail] = await eventually(async () => {
      const found = await summariesTo(org.users.supervisor.email);
      expect(found).toHaveLength(1);
      return found;
    }, SLOW);
    expect(mail!.subject).toBe(`Acme Inc: weekly summary ${week.from} – ${week.to} (3 created, 2 resolved)`);
    expect(mail!.from?.value[0]).toMatchObject({ address: mailbox, name: 'Acme Support' });
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail!.html).toContain('<table');
    const text = mail!.text!;
    expect(text).toContain(`Weekly summary for Acme Inc, ${week.from} to ${week.to} (${timeZone})`);
    const rows = rowsOf(text);
    expect(rows.Tickets).toMatchObject({ Created: '3', Resolved: '2', Closed: '0', Reopened: '0', 'Backlog now (open)': '1', new: '1' });
    expect(rows['First response']!['Tickets measured']).toBe('2');
    inBucketOf(seconds(rows['First response']!['Median (p50)']!), frA);
    inBucketOf(seconds(rows['First response']!['90th percentile (p90)']!), frB);
    expect(seconds(rows['First response']!.Average!)).toBeCloseTo((frA + frB) / 2, -1);
    expect(rows.Resolution!['Tickets measured']).toBe('2');
    inBucketOf(seconds(rows.Resolution!['Median (p50)']!), resA);
    inBucketOf(seconds(rows.Resolution!['90th percentile (p90)']!), resB);
    expect(seconds(rows.Resolution!.Average!)).toBeCloseTo((resA + resB) / 2, -1);
    // Critical targets: first response 30 min (both met), resolution 4 h (A met, B breached).
    expect(rows.SLA).toEqual({ 'First response': '2 met, 0 breached (100 % met)', Resolution: '1 met, 1 breached (50 % met)' });
    expect(rows['Customer satisfaction']).toMatchObject({ Ratings: '2', Average: '3.5 / 5', Distribution: '1★ 0  2★ 1  3★ 0  4★ 0  5★ 1' });
    // The same figures as the stats API's for that week (the mail reads the same rollups).
    expect(seconds(rows['First response']!['Median (p50)']!)).toBe(Math.round(overview.firstResponse.p50Seconds));
    expect(seconds(rows.Resolution!['90th percentile (p90)']!)).toBe(Math.round(overview.resolution.p90Seconds));

    // The admin got one too.
    await eventually(async () => expect(await summariesTo(org.users.admin.email)).toHaveLength(1), SLOW);
    // The schedule lives on, due a week later (moved once the firing's handler has returned,
    // which is after its mails went out).
    await eventually(async () => {
      const [next] = await weeklySchedules();
      expect(ms(next!.at)).toBe(firing + 7 * 86_400_000);
    }, SLOW);
    // The firing is over, so every mail it sent is in the outbox: agents and the customer got none.
    for (const who of ['agent', 'agent2', 'customer'] as const) expect(await summariesTo(org.users[who].email)).toEqual([]);
  }, 4 * SLOW);

  it('moves the one schedule when the time changes and deletes it when turned off', async () => {
    expect((await as.admin.patch('/v1/settings', { weeklySummary: { day: 'friday', hour: 17, timeZone: 'Europe/Berlin' } })).status).toBe(200);
    await eventually(async () => {
      const found = await weeklySchedules();
      expect(found).toHaveLength(1);
      const at = new Date(found[0]!.at);
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
      expect(local).toBe('Friday 17:00');
    }, SLOW);
    expect((await as.admin.patch('/v1/settings', { weeklySummary: { enabled: false } })).status).toBe(200);
    await eventually(async () => expect(await weeklySchedules()).toEqual([]), SLOW);
  }, 3 * SLOW);
});

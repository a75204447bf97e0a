import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';
import { WsClient } from '../support/ws-client';

/* Bulk changes in the demo organization, on tickets this file opens (tagged with its run). */
const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const run = randomUUID().slice(0, 8);
/**
 * 150 by default: three pages of the worker. Every ticket's creation and change also runs
 * through every bus consumer of the runtime the whole e2e suite shares, and the job's own
 * message queues behind them, so 500 here held the other suites' events back for minutes on a
 * two-core machine. `BULK_E2E_TICKETS=500` runs the issue's size (it passes, in 4 to 7 minutes).
 */
const TICKETS = Number(process.env.BULK_E2E_TICKETS ?? 150);

async function openTickets(count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < count) {
      next++;
      const res = await agent.post('/v1/tickets', newTicket({ subject: `Bulk ${run}`, priority: 'medium', tags: [tag] }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
  }));
  return ids;
}

describe('bulk changes', () => {
  it('escalates and notifies up to 100 tickets in the request, each reported', async () => {
    const [a, b] = await openTickets(2, `small-${run}`);
    const closed = (await agent.post('/v1/tickets', newTicket({ subject: `Bulk ${run} closed` }))).body;
    expect((await agent.patch(`/v1/tickets/${closed.id}`, { status: 'cancelled' }, { 'if-match': `"${closed.version}"` })).status).toBe(200);
    const res = await agent.post('/v1/tickets/bulk', {
      ticketIds: [a, b, closed.id],
      changes: { escalate: { tier: 2, reason: 'Outage' }, notify: { body: `We are on it (${run})` } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 2, failed: 1 });
    expect(res.body.results[2]).toMatchObject({ ticketId: closed.id, status: 422 });
    const view = (await agent.get(`/v1/tickets/${a}`)).body;
    expect(view.escalation).toMatchObject({ tier: 2, escalated: true, reason: 'Outage' });
    expect(view.messages.map((m: { body: string }) => m.body)).toContain(`We are on it (${run})`);
  });

  it(`runs ${TICKETS} tickets by filter as a job: 202, progress frames on the caller's WebSocket, per-ticket outcomes`, async () => {
    const tag = `bulk-${run}`;
    const ids = await openTickets(TICKETS, tag);
    const ws = await WsClient.open(runtime.tokens.agent);
    try {
      const invalid = await agent.post('/v1/tickets/bulk', { filter: { tag }, ticketIds: ids.slice(0, 2), changes: { priority: 'low' } });
      expect(invalid.status).toBe(400);
      const accepted = await agent.post('/v1/tickets/bulk', { filter: { tag }, changes: { priority: 'low', addTags: [`done-${run}`] } });
      expect(accepted.status).toBe(202);
      const { jobId } = accepted.body;
      expect(accepted.headers.get('location')).toBe(`/v1/jobs/${jobId}`);

      const job = await eventually(async () => {
        const res = await agent.get(`/v1/jobs/${jobId}`);
        expect(res.body.status).toBe('done');
        return res.body;
      }, 540_000, 500);
      expect(job).toMatchObject({ total: TICKETS, processed: TICKETS, succeeded: TICKETS, failed: 0 });
      expect(job.outcomes).toHaveLength(TICKETS);
      expect(new Set(job.outcomes.map((o: { ticketId: string }) => o.ticketId))).toEqual(new Set(ids));

      const frames = await eventually(async () => {
        const mine = ws.frames.filter((f) => f.type === 'job.progress' && f.data.id === jobId);
        expect(mine.at(-1)?.data.status).toBe('done');
        return mine;
      });
      expect(frames.length).toBeGreaterThanOrEqual(TICKETS / 50);
      const processed = frames.map((f) => f.data.processed);
      expect(processed).toEqual([...processed].sort((x, y) => x - y));
      expect(frames.at(-1)!.data).toMatchObject({ processed: TICKETS, total: TICKETS, succeeded: TICKETS });
      const sample = (await agent.get(`/v1/tickets/${ids[123]}`)).body;
      expect(sample).toMatchObject({ priority: 'low' });
      expect(sample.tags).toEqual(expect.arrayContaining([tag, `done-${run}`]));
    } finally {
      ws.socket.close();
    }

    // More than 100 explicit ids are a job too; a job of another organization is not found.
    const explicit = await agent.post('/v1/tickets/bulk', { ticketIds: ids.slice(0, 101), changes: { removeTags: [`done-${run}`] } });
    expect(explicit.status).toBe(202);
    expect((await api(runtime.otherOrg.tokens.agent).get(`/v1/jobs/${explicit.body.jobId}`)).status).toBe(404);
    await eventually(async () => expect((await agent.get(`/v1/jobs/${explicit.body.jobId}`)).body).toMatchObject({ status: 'done', succeeded: 101 }), 120_000, 500);
  }, 900_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../../../functions/domain/store/store';
import { fireTimer } from '../../../../functions/domain/timers/fire-timer';
import type { TimerScheduler } from '../../../../functions/domain/ports/timer-scheduler';
import { planTicketTimers } from '../../../../functions/domain/timers/plan-ticket-timers';
import type { PlannedTimer } from '../../../../functions/domain/timers/plan-timers';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { getTicketThread } from '../../../../functions/domain/tickets/get-ticket';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

class Recorder implements TimerScheduler {
  live = new Map<string, PlannedTimer>();
  calls: string[] = [];
  async schedule(t: PlannedTimer) {
    this.calls.push(`+${t.name}`);
    this.live.set(t.name, t);
  }
  async cancel(name: string) {
    this.calls.push(`-${name}`);
    this.live.delete(name);
  }
}

describe('the SLA planner and the timer handler against DynamoDB Local', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let now = new Date('2026-05-04T08:00:00.000Z');
  const at = (iso: string) => (now = new Date(iso));
  beforeAll(async () => {
    ({ deps } = await integrationDeps(() => now));
    org = await seedOrg(deps);
  });
  const open = () => createTicket(deps, org.customer, { subject: 's', description: 'd', priority: 'high', tags: [], customFields: {} });

  it('keeps one schedule per pending deadline, replaces them when the SLA version moves, and is idempotent', async () => {
    at('2026-05-04T08:00:00.000Z');
    const ticket = await open();
    const timers = new Recorder();
    await planTicketTimers(deps, timers, org.orgId, ticket.ticketId);
    expect([...timers.live.keys()]).toEqual([
      `sla-${ticket.ticketId}-fr-w-v1`, `sla-${ticket.ticketId}-fr-b-v1`, `sla-${ticket.ticketId}-rs-w-v1`, `sla-${ticket.ticketId}-rs-b-v1`,
    ]);
    expect(await planTicketTimers(deps, timers, org.orgId, ticket.ticketId)).toEqual({ created: [], cancelled: [] });

    at('2026-05-04T08:10:00.000Z');
    await addMessage(deps, org.agent, ticket.ticketId, { body: 'on it', internal: false });
    const outcome = await planTicketTimers(deps, timers, org.orgId, ticket.ticketId);
    expect(outcome.cancelled.sort()).toEqual([`sla-${ticket.ticketId}-fr-b-v1`, `sla-${ticket.ticketId}-fr-w-v1`, `sla-${ticket.ticketId}-rs-b-v1`, `sla-${ticket.ticketId}-rs-w-v1`].sort());
    expect([...timers.live.keys()]).toEqual([`sla-${ticket.ticketId}-rs-w-v2`, `sla-${ticket.ticketId}-rs-b-v2`]);
  });

  it('records a warning, then a breach that escalates one tier; a stale timer does nothing', async () => {
    at('2026-05-04T08:00:00.000Z');
    const ticket = await open();
    const stale = { kind: 'sla', orgId: org.orgId, ticketId: ticket.ticketId, target: 'firstResponse', stage: 'breach', slaVersion: 0 } as const;
    expect(await fireTimer(deps, stale)).toEqual({ done: false, reason: 'sla-version-moved-on' });
    at('2026-05-04T09:30:00.000Z');
    expect(await fireTimer(deps, { ...stale, stage: 'warning', slaVersion: 1 })).toEqual({ done: true, types: ['ticket.sla.warning'] });
    expect(await fireTimer(deps, { ...stale, stage: 'warning', slaVersion: 1 })).toEqual({ done: false, reason: 'nothing-due' });
    at('2026-05-04T10:00:00.000Z');
    expect(await fireTimer(deps, { ...stale, slaVersion: 1 })).toEqual({ done: true, types: ['ticket.sla.breached', 'ticket.escalated'] });
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    expect(thread.ticket).toMatchObject({ escalated: true, escalationTier: 1, escalationReason: 'SLA breached: firstResponse' });
    expect(thread.ticket.sla.breached).toEqual([{ kind: 'firstResponse', at: '2026-05-04T10:00:00.000Z' }]);
    expect(thread.activities.filter((a) => a.type.startsWith('ticket.sla.')).map((a) => [a.type, a.internal])).toEqual([
      ['ticket.sla.warning', true], ['ticket.sla.breached', true],
    ]);
  });

  it('warns, then auto-closes a ticket left waiting on the customer, then sends the survey once', async () => {
    at('2026-05-04T08:00:00.000Z');
    const ticket = await open();
    await updateTicket(deps, org.agent, ticket.ticketId, { status: 'waiting_on_customer' });
    const timers = new Recorder();
    await planTicketTimers(deps, timers, org.orgId, ticket.ticketId);
    const [warning, close] = [...timers.live.values()];
    expect([warning.at.toISOString(), close.at.toISOString()]).toEqual(['2026-05-09T08:00:00.000Z', '2026-05-11T08:00:00.000Z']);
    at('2026-05-09T08:00:00.000Z');
    expect(await fireTimer(deps, warning.payload)).toEqual({ done: true, types: ['ticket.message.added'] });
    at('2026-05-11T08:00:00.000Z');
    expect(await fireTimer(deps, close.payload)).toEqual({ done: true, types: ['ticket.status.changed', 'ticket.closed'] });
    expect(await fireTimer(deps, close.payload)).toEqual({ done: false, reason: 'status-moved-on' });
    await planTicketTimers(deps, timers, org.orgId, ticket.ticketId);
    const survey = [...timers.live.values()].find((t) => t.payload.kind === 'survey')!;
    expect(survey.at.toISOString()).toBe('2026-05-12T08:00:00.000Z');
    at('2026-05-12T08:00:00.000Z');
    expect(await fireTimer(deps, survey.payload)).toEqual({ done: true, types: ['ticket.survey.sent'] });
    expect(await fireTimer(deps, survey.payload)).toEqual({ done: false, reason: 'survey-already-sent' });
    const thread = await getTicketThread(deps, org.customer, ticket.ticketId);
    expect(thread.ticket.status).toBe('closed');
    expect(thread.messages.map((m) => m.authorRole)).toEqual(['system']);
  });

  it('ignores a timer for a ticket that is gone', async () => {
    expect(await fireTimer(deps, { kind: 'survey', orgId: org.orgId, ticketId: 'nope', closedAt: 'x' })).toEqual({ done: false, reason: 'ticket-gone' });
  });
});

import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy, pauseSla, recordAgentReply, startSla } from '../../../../functions/domain/sla';
import { desiredTimers, diffTimers, timerNames } from '../../../../functions/domain/timers/plan-timers';
import type { Ticket } from '../../../../functions/domain/tickets/ticket.entity';

const T0 = new Date('2026-05-04T08:00:00.000Z');
const ID = '01JTESTTICKET0000000000000';

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    orgId: 'org_a', ticketId: ID, number: 'TKT-2026-000001', subject: 's', description: 'd', status: 'new', priority: 'high',
    tags: [], customFields: {}, requesterEmail: 'c@example.com', createdById: 'u', assigneeKey: 'unassigned', escalationTier: 0,
    escalated: false, channel: 'api', messageCount: 0, noteCount: 0, createdAt: T0.toISOString(), updatedAt: T0.toISOString(),
    version: 1, sla: startSla(defaultSlaPolicy(), 'high', T0), statusSince: T0.toISOString(), ...over,
  };
}

const names = (timers: { name: string }[]) => timers.map((t) => t.name);

describe('the SLA planner decides which timers a ticket needs', () => {
  it('plans a warning and a breach per running target of a new high ticket, at 75 % and 100 %', () => {
    const timers = desiredTimers(ticket());
    expect(timers.map((t) => [t.name, t.at.toISOString()])).toEqual([
      [`sla-${ID}-fr-w-v1`, '2026-05-04T09:30:00.000Z'],
      [`sla-${ID}-fr-b-v1`, '2026-05-04T10:00:00.000Z'],
      [`sla-${ID}-rs-w-v1`, '2026-05-05T02:00:00.000Z'],
      [`sla-${ID}-rs-b-v1`, '2026-05-05T08:00:00.000Z'],
    ]);
    expect(timers[1].payload).toEqual({ kind: 'sla', orgId: 'org_a', ticketId: ID, target: 'firstResponse', stage: 'breach', slaVersion: 1 });
    for (const t of timers) expect(t.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('drops the first-response timers once an agent replied, under the new SLA version', () => {
    const replied = recordAgentReply(ticket().sla, new Date('2026-05-04T08:30:00Z'));
    expect(names(desiredTimers(ticket({ sla: replied, status: 'open' })))).toEqual([`sla-${ID}-rs-w-v2`, `sla-${ID}-rs-b-v2`]);
  });

  it('plans no SLA timer while paused, but the auto-close warning (N-2 days) and close (N days) while waiting on the customer', () => {
    const since = '2026-05-04T12:00:00.000Z';
    const paused = pauseSla(ticket().sla, new Date(since));
    const timers = desiredTimers(ticket({ sla: paused, status: 'waiting_on_customer', statusSince: since }), 7);
    expect(timers.map((t) => [t.payload.kind, t.at.toISOString()])).toEqual([
      ['auto-close', '2026-05-09T12:00:00.000Z'],
      ['auto-close', '2026-05-11T12:00:00.000Z'],
    ]);
    expect(timers[0].name).toBe(timerNames.autoClose(ID, 'warning', since));
    expect(timers[1].payload).toMatchObject({ stage: 'close', status: 'waiting_on_customer', since });
  });

  it('skips the warning when the org closes after 2 days or fewer', () => {
    const timers = desiredTimers(ticket({ status: 'resolved', statusSince: T0.toISOString(), sla: undefined }), 2);
    expect(timers.map((t) => t.payload)).toEqual([expect.objectContaining({ kind: 'auto-close', stage: 'close' })]);
  });

  it('plans only the survey, 24 h after closure, once closed; nothing once it was sent', () => {
    const closedAt = '2026-05-06T10:00:00.000Z';
    const closed = ticket({ status: 'closed', closedAt });
    expect(desiredTimers(closed).map((t) => [t.payload.kind, t.at.toISOString()])).toEqual([['survey', '2026-05-07T10:00:00.000Z']]);
    expect(desiredTimers({ ...closed, surveySentAt: '2026-05-07T10:00:01.000Z' })).toEqual([]);
  });

  it('creates the missing timers and deletes those no longer wanted, leaving past ones (they ran) alone', () => {
    const now = new Date('2026-05-04T09:45:00Z');
    const desired = desiredTimers(ticket());
    const live = [
      { name: `sla-${ID}-fr-w-v1`, at: '2026-05-04T09:30:00.000Z' },
      { name: `sla-${ID}-fr-b-v1`, at: '2026-05-04T10:00:00.000Z' },
      { name: `sla-${ID}-rs-b-v0`, at: '2026-05-05T07:00:00.000Z' },
      { name: `sla-${ID}-nr-w-v0`, at: '2026-05-04T09:00:00.000Z' },
    ];
    const { create, cancel } = diffTimers(live, desired, now);
    expect(names(create)).toEqual([`sla-${ID}-rs-w-v1`, `sla-${ID}-rs-b-v1`]);
    expect(cancel).toEqual([`sla-${ID}-rs-b-v0`]);
    expect(diffTimers(desired.map((t) => ({ name: t.name, at: t.at.toISOString() })), desired, now)).toEqual({ create: [], cancel: [] });
  });
});

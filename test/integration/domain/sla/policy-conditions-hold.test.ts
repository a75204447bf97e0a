import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../../../functions/domain/errors';
import { SlaAlreadyPausedError, SlaClockStoppedError, SlaNotPausedError } from '../../../../functions/domain/sla';
import { createSlaPolicy, listSlaPolicies, SlaPolicyLimitError } from '../../../../functions/domain/sla-policies/manage-sla-policies';
import type { Deps } from '../../../../functions/domain/store/store';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { pauseTicketSla, resumeTicketSla } from '../../../../functions/domain/tickets/hold-ticket-sla';
import { toTicketView } from '../../../../functions/domain/tickets/ticket-view';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { MAX_SLA_POLICIES, SlaPolicyInput } from '../../../../schemas/sla-policies';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

const MIN = 60_000;
const policy = (over: Record<string, unknown>) => SlaPolicyInput.parse({ name: 'P', calendar: '24x7', ...over });
const target = (fr: number, rs: number) => ({ firstResponseMinutes: fr, nextResponseMinutes: fr, resolutionMinutes: rs });

describe('SLA policy conditions and the staff hold on the ticket write path (DynamoDB Local)', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let now = new Date('2026-05-04T08:00:00.000Z');
  const at = (iso: string) => (now = new Date(iso));
  const ticketFor = (email: string, priority: 'low' | 'high' | 'urgent' = 'high') =>
    createTicket(deps, org.agent, { subject: 's', description: 'd', priority, tags: [], customFields: {}, requester: { email, name: 'R' } });
  const activitiesOf = async (ticketId: string) =>
    (await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId }).go({ pages: 'all' })).data;
  const stored = async (ticketId: string) => (await deps.store.entities.ticket.get({ orgId: org.orgId, ticketId }).go({ consistent: true })).data!;
  let vipId: string;
  let urgentId: string;
  let defaultId: string;

  beforeAll(async () => {
    ({ deps } = await integrationDeps(() => now));
    org = await seedOrg(deps);
    defaultId = (await createSlaPolicy(deps, org.admin, policy({ name: 'Default', default: true, targets: { high: target(60, 600) } }))).id;
    vipId = (await createSlaPolicy(deps, org.admin, policy({
      name: 'VIP', order: 10, conditions: { requesterDomains: ['vip.example'] }, targets: { high: target(10, 100), urgent: target(5, 50) },
    }))).id;
    urgentId = (await createSlaPolicy(deps, org.admin, policy({
      name: 'Urgent API', order: 20, conditions: { priorities: ['urgent'], channels: ['api'] }, targets: { urgent: target(15, 150) },
    }))).id;
    await createSlaPolicy(deps, org.admin, policy({ name: 'Off', order: 0, enabled: false, conditions: {}, targets: { high: target(1, 1) } }));
  });

  it('starts a ticket on the first enabled policy its requester domain, priority and channel match, else the default', async () => {
    at('2026-05-04T08:00:00.000Z');
    const vip = await ticketFor('ann@Mail.VIP.example');
    expect(vip.sla).toMatchObject({ policyId: vipId, policyReason: { kind: 'conditions', matched: { requesterDomain: 'mail.vip.example' } } });
    expect(toTicketView(vip, org.agent).sla?.firstResponseDueAt).toBe('2026-05-04T08:10:00.000Z');
    const plain = await ticketFor('bob@plain.example');
    expect(plain.sla).toMatchObject({ policyId: defaultId, policyReason: { kind: 'default' } });
    expect(toTicketView(plain, org.agent).sla?.firstResponseDueAt).toBe('2026-05-04T09:00:00.000Z');
    // VIP comes first by order even for an urgent API ticket.
    expect((await ticketFor('cy@vip.example', 'urgent')).sla.policyId).toBe(vipId);
  });

  it('switches policy when the priority changes, in the change\'s transaction, with an activity saying why', async () => {
    at('2026-05-04T08:00:00.000Z');
    const ticket = await ticketFor('dan@plain.example');
    at('2026-05-04T08:05:00.000Z');
    const urgent = await updateTicket(deps, org.agent, ticket.ticketId, { priority: 'urgent' });
    expect(urgent.sla).toMatchObject({ policyId: urgentId, policyReason: { kind: 'conditions', matched: { priority: 'urgent', channel: 'api' } } });
    // 5 minutes consumed of the new 15: 10 left from 08:05.
    expect(toTicketView(urgent, org.agent).sla?.firstResponseDueAt).toBe('2026-05-04T08:15:00.000Z');
    const switched = (await activitiesOf(ticket.ticketId)).filter((a) => a.changes?.slaPolicyId);
    expect(switched).toHaveLength(1);
    expect(switched[0]).toMatchObject({
      type: 'ticket.updated', internal: true, actorId: org.agent.userId, ticketVersion: urgent.version,
      changes: { slaPolicyId: { from: defaultId, to: urgentId } }, data: { reason: 'sla-policy-conditions-matched', matched: { priority: 'urgent' } },
    });
    at('2026-05-04T08:06:00.000Z');
    const back = await updateTicket(deps, org.agent, ticket.ticketId, { priority: 'high' });
    expect(back.sla).toMatchObject({ policyId: defaultId, policyReason: { kind: 'default' } });
    const reasons = (await activitiesOf(ticket.ticketId)).filter((a) => a.changes?.slaPolicyId).map((a) => a.data?.reason);
    expect(reasons).toEqual(['sla-policy-conditions-matched', 'sla-policy-conditions-no-longer-match']);
  });

  it('holds the clock with a reason through status changes, refuses a second hold, and moves the deadlines on release', async () => {
    at('2026-05-04T08:00:00.000Z');
    const ticket = await ticketFor('eve@plain.example');
    await expect(pauseTicketSla(deps, org.customer, ticket.ticketId, 'no')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resumeTicketSla(deps, org.agent, ticket.ticketId)).rejects.toBeInstanceOf(SlaNotPausedError);
    at('2026-05-04T08:20:00.000Z');
    const held = await pauseTicketSla(deps, org.agent, ticket.ticketId, 'vendor outage');
    expect(toTicketView(held, org.agent).sla).toMatchObject({
      firstResponseDueAt: null, pausedSince: '2026-05-04T08:20:00.000Z',
      manualPause: { since: '2026-05-04T08:20:00.000Z', byId: org.agent.userId, reason: 'vendor outage' },
    });
    expect(held.slaNextBreachAt).toBe('none');
    const version = (await stored(ticket.ticketId)).version;
    await expect(pauseTicketSla(deps, org.supervisor, ticket.ticketId, 'again')).rejects.toBeInstanceOf(SlaAlreadyPausedError);
    expect((await stored(ticket.ticketId)).version).toBe(version);

    at('2026-05-04T08:30:00.000Z');
    await updateTicket(deps, org.agent, ticket.ticketId, { status: 'waiting_on_customer' });
    at('2026-05-04T08:40:00.000Z');
    const reopened = await updateTicket(deps, org.agent, ticket.ticketId, { status: 'open' });
    expect(reopened.sla).toMatchObject({ pausedSince: '2026-05-04T08:20:00.000Z', manualPause: { reason: 'vendor outage' } });

    at('2026-05-04T09:20:00.000Z');
    const released = await resumeTicketSla(deps, org.agent, ticket.ticketId, 'vendor back');
    // 20 of 60 minutes used before the hold: 40 left from 09:20.
    expect(toTicketView(released, org.agent).sla).toMatchObject({ firstResponseDueAt: '2026-05-04T10:00:00.000Z', pausedSince: null });
    expect(Date.parse(released.sla.timers.firstResponse.dueAt) - Date.parse('2026-05-04T09:00:00.000Z')).toBe(60 * MIN);
    expect(released.sla.manualPause).toBeNull();
    const holds = (await activitiesOf(ticket.ticketId)).filter((a) => a.changes?.slaPaused);
    expect(holds.map((a) => [a.type, a.internal, a.data?.sla, a.data?.reason])).toEqual([
      ['ticket.updated', true, 'paused', 'vendor outage'], ['ticket.updated', true, 'resumed', 'vendor back'],
    ]);
    await updateTicket(deps, org.agent, ticket.ticketId, { status: 'resolved', resolution: 'done' });
    await expect(pauseTicketSla(deps, org.agent, ticket.ticketId, 'late')).rejects.toBeInstanceOf(SlaClockStoppedError);
  });

  it('caps an organization at 50 policies and stores nothing past it', async () => {
    const small = await seedOrg(deps);
    for (let i = 0; i < MAX_SLA_POLICIES; i++) await createSlaPolicy(deps, small.admin, policy({ name: `P${i}` }));
    await expect(createSlaPolicy(deps, small.admin, policy({ name: 'one too many' }))).rejects.toBeInstanceOf(SlaPolicyLimitError);
    expect(await listSlaPolicies(deps, small.admin)).toHaveLength(MAX_SLA_POLICIES);
  });

  it('lets only one of two concurrent creates take the last place', async () => {
    const small = await seedOrg(deps);
    for (let i = 0; i < MAX_SLA_POLICIES - 1; i++) await createSlaPolicy(deps, small.admin, policy({ name: `P${i}` }));
    const outcomes = await Promise.allSettled([
      createSlaPolicy(deps, small.admin, policy({ name: 'A' })), createSlaPolicy(deps, small.admin, policy({ name: 'B' })),
      createSlaPolicy(deps, small.admin, policy({ name: 'C' })),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(SlaPolicyLimitError);
    expect(await listSlaPolicies(deps, small.admin)).toHaveLength(MAX_SLA_POLICIES);
  });
});

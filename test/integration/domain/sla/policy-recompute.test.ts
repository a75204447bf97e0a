import { beforeAll, describe, expect, it } from 'vitest';
import { createSlaPolicy, replaceSlaPolicy } from '../../../../functions/domain/sla-policies/manage-sla-policies';
import { type PolicyRecomputeJob, recomputePolicyTickets } from '../../../../functions/domain/tickets/recompute-policy-tickets';
import type { Deps } from '../../../../functions/domain/store/store';
import { outboxJobOf } from '../../../../functions/domain/outbox/outbox-jobs';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { toTicketView } from '../../../../functions/domain/tickets/ticket-view';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { SlaPolicyInput } from '../../../../schemas/sla-policies';
import { integrationDeps, outboxJobsOf, seedOrg } from '../../../support/integration-store';

const input = (resolutionMinutes: number, over: Record<string, unknown> = {}) =>
  SlaPolicyInput.parse({
    name: 'P', calendar: '24x7', targets: { high: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes } }, ...over,
  });

describe('a policy change recomputes the open tickets following it (DynamoDB Local)', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let now = new Date('2026-05-04T08:00:00.000Z');
  beforeAll(async () => {
    ({ deps } = await integrationDeps(() => now));
    org = await seedOrg(deps);
  });

  const open = () =>
    createTicket(deps, org.agent, {
      subject: 's', description: 'd', priority: 'high', tags: [], customFields: {}, requester: { email: 'c@example.com' },
    } as never);
  const read = async (ticketId: string) => (await deps.store.entities.ticket.get({ orgId: org.orgId, ticketId }).go({ consistent: true })).data!;
  const activities = async (ticketId: string) =>
    (await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId }).go({ pages: 'all' })).data;

  it('moves the due dates of the two open tickets on P, with an activity each, and leaves the closed one and the other policy alone', async () => {
    const p = await createSlaPolicy(deps, org.admin, input(600, { default: true }));
    const a = await open();
    const b = await open();
    const closed = await open();
    now = new Date('2026-05-04T08:10:00.000Z');
    await updateTicket(deps, org.agent, b.ticketId, { status: 'in_progress' });
    await updateTicket(deps, org.agent, closed.ticketId, { status: 'closed' });
    await createSlaPolicy(deps, org.admin, input(600, { name: 'Q', default: true }));
    const other = await open();
    expect(other.sla.policyId).not.toBe(p.id);
    const before = await Promise.all([closed, other].map((t) => read(t.ticketId)));

    now = new Date('2026-05-04T08:30:00.000Z');
    await replaceSlaPolicy(deps, org.admin, p.id, input(300));
    const jobs = (await outboxJobsOf(deps, org.orgId, 'job.sla-policy.recompute')).map((item) => item.data).filter((data) => data.policyId === p.id);
    expect(jobs).toEqual([{ orgId: org.orgId, policyId: p.id, policyVersion: 2, previousCalendar: '24x7' }]);
    const job = JSON.parse(JSON.stringify(jobs[0])) as PolicyRecomputeJob;

    // Pages of one: every page boundary is crossed, and a recomputed ticket met again is skipped.
    const outcome = await recomputePolicyTickets(deps, job, { pageSize: 1 });
    expect(outcome.recomputed.sort()).toEqual([a.ticketId, b.ticketId].sort());
    for (const t of [a, b]) {
      const after = await read(t.ticketId);
      expect(toTicketView(after, org.agent).sla).toMatchObject({ policyId: p.id, resolutionDueAt: '2026-05-04T13:00:00.000Z' });
      expect(after.slaNextBreachAt).toBe('2026-05-04T09:00:00.000Z');
      const recomputed = (await activities(t.ticketId)).filter((x) => x.type === 'ticket.updated' && x.changes && 'slaPolicy' in x.changes);
      expect(recomputed).toHaveLength(1);
      expect(recomputed[0]).toMatchObject({ actorId: 'system', ticketVersion: after.version, changes: { slaPolicy: { to: { policyId: p.id, version: 2 } } } });
    }
    expect(await Promise.all([closed, other].map((t) => read(t.ticketId)))).toEqual(before);

    // A redelivered job finds every ticket already laid out on version 2.
    const again = await recomputePolicyTickets(deps, job);
    expect(again.recomputed).toEqual([]);
    expect((await activities(a.ticketId)).filter((x) => x.changes && 'slaPolicy' in x.changes)).toHaveLength(1);
  });

  it('stores the recompute job in the policy write\'s transaction: when the job cannot be written, neither is the policy', async () => {
    const p = await createSlaPolicy(deps, org.admin, input(600));
    const jobsOfP = async () => (await outboxJobsOf(deps, org.orgId, 'job.sla-policy.recompute')).filter((item) => item.data.policyId === p.id);
    // A job item already holds the id the next job would take: its create fails, and so must the whole write.
    const clash = { ...deps, newId: () => 'JOB-CLASH' };
    await deps.store.entities.outboxJob.create(outboxJobOf(clash, org.orgId, 'job.webhook.delivery', { taken: true })).go();
    await expect(replaceSlaPolicy(clash, org.admin, p.id, input(120))).rejects.toMatchObject({ code: 'sla-policy-conflict' });
    const stored = (await deps.store.entities.slaPolicy.get({ orgId: org.orgId, policyId: p.id }).go({ consistent: true })).data!;
    expect(stored).toMatchObject({ version: 1, targets: input(600).targets });
    expect(await jobsOfP()).toEqual([]);

    await replaceSlaPolicy(deps, org.admin, p.id, input(120));
    const [job] = await jobsOfP();
    expect(job).toMatchObject({ type: 'job.sla-policy.recompute', data: { orgId: org.orgId, policyId: p.id, policyVersion: 2, previousCalendar: '24x7' } });
    expect(job.ttl).toBeGreaterThan(Math.floor(now.getTime() / 1000));
  });

  it('enqueues nothing for a rename or a default move, and a job for a deleted policy does nothing', async () => {
    const p = await createSlaPolicy(deps, org.admin, input(600));
    await replaceSlaPolicy(deps, org.admin, p.id, input(600, { name: 'renamed', default: true }));
    const jobs = (await outboxJobsOf(deps, org.orgId, 'job.sla-policy.recompute')).filter((item) => item.data.policyId === p.id);
    expect(jobs).toEqual([]);
    const gone = await recomputePolicyTickets(deps, { orgId: org.orgId, policyId: 'nope', policyVersion: 3, previousCalendar: '24x7' });
    expect(gone).toMatchObject({ skipped: 'policy-gone', recomputed: [] });
  });
});

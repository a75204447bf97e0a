import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../../functions/domain/caller';
import { countCategoryUsage } from '../../../../functions/domain/catalog/count-category-usage';
import { createCategory } from '../../../../functions/domain/catalog/manage-categories';
import type { Deps } from '../../../../functions/domain/store/store';
import { applyTicketLoad, loadsOf } from '../../../../functions/domain/team/load-counters';
import { createDepartment } from '../../../../functions/domain/team/manage-departments';
import { routeTicket } from '../../../../functions/domain/team/route-ticket';
import { putRoutingConfig } from '../../../../functions/domain/team/routing-config';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { saveUser } from '../../../../functions/domain/users/manage-users';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
});

const agentIn = (id: string, departmentIds: string[], extra: Record<string, unknown> = {}) =>
  saveUser(deps, org.orgId, id, { email: `${id}@example.com`, name: id, role: 'agent', active: true, departmentIds, ...extra });
const open = (caller: Caller, tags: string[] = []) =>
  createTicket(deps, caller, {
    subject: 's', description: 'd', priority: 'high', tags, customFields: {}, ...(caller.role === 'customer' ? {} : { requester: { email: 'c@example.com' } }),
  });
const ticketEvent = async (ticketId: string) => {
  const { data } = await deps.store.entities.ticket.get({ orgId: org.orgId, ticketId }).go({ consistent: true });
  return { orgId: org.orgId, ticketId, ticketVersion: data!.version, ticket: { assigneeId: data!.assigneeId ?? null, status: data!.status } };
};

describe('agent load counters (DynamoDB Local)', () => {
  it('count once per ticket version: a redelivered or late event changes nothing', async () => {
    await agentIn('la', []);
    await agentIn('lb', []);
    const ticket = await open(org.agent);
    const assignedToA = await updateTicket(deps, org.agent, ticket.ticketId, { assigneeId: 'la' });
    const atA = await ticketEvent(ticket.ticketId);
    expect(await applyTicketLoad(deps, atA)).toBe('moved');
    expect(await applyTicketLoad(deps, atA)).toBe('stale');
    expect((await loadsOf(deps, org.orgId)).get('la')?.openAssigned).toBe(1);

    await updateTicket(deps, org.agent, ticket.ticketId, { assigneeId: 'lb' }, assignedToA.version);
    const atB = await ticketEvent(ticket.ticketId);
    expect(await applyTicketLoad(deps, atB)).toBe('moved');
    // The older event arrives late: ignored.
    expect(await applyTicketLoad(deps, atA)).toBe('stale');
    const loads = await loadsOf(deps, org.orgId);
    expect(loads.get('la')?.openAssigned).toBe(0);
    expect(loads.get('lb')?.openAssigned).toBe(1);

    await updateTicket(deps, org.agent, ticket.ticketId, { status: 'resolved', resolution: 'ok' });
    const resolved = await ticketEvent(ticket.ticketId);
    await Promise.all([applyTicketLoad(deps, resolved), applyTicketLoad(deps, resolved)]);
    expect((await loadsOf(deps, org.orgId)).get('lb')?.openAssigned).toBe(0);
  });
});

describe('routeTicket (DynamoDB Local)', () => {
  it('assigns by round robin in one transaction with the counter and the cursor, and leaves unrouted what nobody can take', async () => {
    const dept = await createDepartment(deps, org.admin, { name: 'RR' });
    for (const id of ['r1', 'r2']) await agentIn(id, [dept.departmentId], { capacity: 2 });
    await putRoutingConfig(deps, org.admin, { rules: [{ name: 'rr', when: { tags: ['rr'] }, departmentId: dept.departmentId, strategy: 'round_robin' }] });
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      const ticket = await open(org.customer, ['rr']);
      outcomes.push(await routeTicket(deps, org.orgId, ticket.ticketId));
    }
    expect(outcomes.map((o) => (o.outcome === 'assigned' ? o.agentId : o.outcome))).toEqual(['r1', 'r2', 'r1', 'r2', 'unrouted']);
    const loads = await loadsOf(deps, org.orgId);
    expect([loads.get('r1')?.openAssigned, loads.get('r2')?.openAssigned]).toEqual([2, 2]);
    const { data: cursor } = await deps.store.entities.routingCursor.get({ orgId: org.orgId, departmentId: dept.departmentId }).go();
    expect(cursor).toMatchObject({ lastAgentId: 'r2', seq: 4 });
  });

  it('routes concurrent tickets without exceeding capacity (the counter\'s condition is the reservation)', async () => {
    const dept = await createDepartment(deps, org.admin, { name: 'LL' });
    for (const id of ['c1', 'c2']) await agentIn(id, [dept.departmentId], { capacity: 3 });
    await putRoutingConfig(deps, org.admin, { rules: [{ name: 'll', when: { tags: ['ll'] }, departmentId: dept.departmentId, strategy: 'least_loaded' }] });
    const tickets = await Promise.all(Array.from({ length: 8 }, () => open(org.customer, ['ll'])));
    const outcomes = await Promise.all(tickets.map((t) => routeTicket(deps, org.orgId, t.ticketId)));
    const assigned = outcomes.filter((o) => o.outcome === 'assigned') as { agentId: string }[];
    expect(assigned).toHaveLength(6);
    expect(assigned.filter((o) => o.agentId === 'c1')).toHaveLength(3);
    expect(outcomes.filter((o) => o.outcome === 'unrouted')).toHaveLength(2);
    // A second run on an assigned ticket does nothing (which of the eight lost the race varies).
    const firstAssigned = tickets[outcomes.findIndex((o) => o.outcome === 'assigned')]!;
    expect(await routeTicket(deps, org.orgId, firstAssigned.ticketId)).toMatchObject({ outcome: expect.stringMatching(/skipped/) });
  });

  it('skips tickets no rule matches', async () => {
    const ticket = await open(org.customer, ['nothing']);
    expect(await routeTicket(deps, org.orgId, ticket.ticketId)).toEqual({ outcome: 'skipped', reason: 'no-rule' });
  });
});

describe('category usage (DynamoDB Local)', () => {
  it('counts once per event id', async () => {
    await createCategory(deps, org.admin, { id: 'hw', name: 'Hardware' });
    const event = { id: 'evt-1', orgId: org.orgId, type: 'ticket.created', ticket: { category: 'hw' } };
    expect(await countCategoryUsage(deps, event)).toBe('applied');
    expect(await countCategoryUsage(deps, event)).toBe('duplicate');
    expect(await countCategoryUsage(deps, { ...event, id: 'evt-2', ticket: { category: 'gone' } })).toBe('none');
    const { data } = await deps.store.entities.category.get({ orgId: org.orgId, categoryId: 'hw' }).go();
    expect(data?.ticketCount).toBe(1);
  });
});

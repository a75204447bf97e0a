import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, RuleViolationError } from '../../../../functions/domain/errors';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { getTicketThread } from '../../../../functions/domain/tickets/get-ticket';
import { readTickets } from '../../../../functions/domain/store/read-tickets';
import type { Deps } from '../../../../functions/domain/store/store';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

const input = (subject: string) => ({
  subject, description: 'It broke', priority: 'medium' as const, tags: [], customFields: {},
  requester: { email: 'Someone@Example.com', name: 'Someone' },
});

describe('createTicket against DynamoDB Local', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  beforeAll(async () => {
    ({ deps } = await integrationDeps());
    org = await seedOrg(deps);
  });

  it('opens a new ticket with the first number of the year and its created activity', async () => {
    const ticket = await createTicket(deps, org.agent, input('First'));
    expect(ticket.number).toBe(`TKT-${new Date().getUTCFullYear()}-000001`);
    expect(ticket.status).toBe('new');
    expect(ticket.requesterEmail).toBe('someone@example.com');
    const thread = await getTicketThread(deps, org.agent, ticket.ticketId);
    expect(thread.activities.map((a) => a.type)).toEqual(['ticket.created']);
  });

  it('gives 50 parallel creates 50 distinct consecutive numbers', async () => {
    const { deps: fresh } = await integrationDeps();
    const team = await seedOrg(fresh);
    const tickets = await Promise.all(Array.from({ length: 50 }, (_, i) => createTicket(fresh, team.agent, input(`T${i}`))));
    const sequence = tickets.map((t) => Number(t.number.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('leaves no gap and no trace when the write is refused (assignee not in this organization)', async () => {
    const { deps: fresh } = await integrationDeps();
    const team = await seedOrg(fresh);
    const other = await seedOrg(fresh);
    await createTicket(fresh, team.agent, input('one'));
    await expect(createTicket(fresh, team.agent, { ...input('two'), assigneeId: other.agent.userId })).rejects.toBeInstanceOf(RuleViolationError);
    await expect(createTicket(fresh, team.agent, { ...input('three'), assigneeId: team.customer.userId })).rejects.toBeInstanceOf(RuleViolationError);
    const next = await createTicket(fresh, team.agent, { ...input('four'), assigneeId: team.agent2.userId });
    expect(next.number.endsWith('000002')).toBe(true);
    const { data } = await fresh.store.entities.ticket.query.byOrgCreated({ orgId: team.orgId }).go();
    const tickets = await readTickets(fresh, team.orgId, data.map((t) => t.ticketId)); // the index carries keys and filters only
    expect(tickets.map((t) => t.subject).sort()).toEqual(['four', 'one']);
  });

  it('recovers when another container moved the counter since this one last wrote it', async () => {
    const { deps: fresh } = await integrationDeps();
    const team = await seedOrg(fresh);
    const first = await createTicket(fresh, team.agent, input('mine'));
    const year = Number(first.number.slice(4, 8));
    // Another Lambda container takes number 2: this container's remembered value is now stale.
    await fresh.store.entities.counter.put({ orgId: team.orgId, name: `ticket-number-${year}`, value: 2 }).go();
    const next = await createTicket(fresh, team.agent, input('after'));
    expect(next.number).toBe(`TKT-${year}-000003`);
  });

  it('is idempotent for a caller-chosen id: a retried create returns the first ticket and uses no number', async () => {
    const { deps: fresh } = await integrationDeps();
    const team = await seedOrg(fresh);
    const first = await createTicket(fresh, team.agent, input('from mail'), 'email', { ticketId: '01KAAAAAAAAAAAAAAAAAAAAAAA' });
    const again = await createTicket(fresh, team.agent, input('from mail'), 'email', { ticketId: '01KAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(again).toEqual(first);
    const next = await createTicket(fresh, team.agent, input('next'));
    expect(Number(next.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
  });

  it('keeps numbering per organization', async () => {
    const other = await seedOrg(deps);
    const ticket = await createTicket(deps, other.agent, input('Other org'));
    expect(ticket.number.endsWith('000001')).toBe(true);
  });

  it('files a customer ticket for the customer, and refuses one for somebody else', async () => {
    const own = await createTicket(deps, org.customer, { ...input('Mine'), requester: undefined });
    expect(own.requesterEmail).toBe(org.customer.email);
    await expect(createTicket(deps, org.customer, input('Not mine'))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('requires staff to name the requester', async () => {
    await expect(createTicket(deps, org.agent, { ...input('x'), requester: undefined })).rejects.toMatchObject({
      code: 'rule-violation', extensions: { errors: [{ pointer: '#/requester' }] },
    });
  });
});

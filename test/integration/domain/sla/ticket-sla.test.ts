import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../../../functions/domain/store/store';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { toTicketView } from '../../../../functions/domain/tickets/ticket-view';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

describe('SLA state kept on the ticket write path (DynamoDB Local)', () => {
  let deps: Deps;
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let now = new Date('2026-05-04T08:00:00.000Z');
  const at = (iso: string) => (now = new Date(iso));
  beforeAll(async () => {
    ({ deps } = await integrationDeps(() => now));
    org = await seedOrg(deps);
  });

  it('meets the first response on the first public staff reply, not on a note, and starts the next response on a customer message', async () => {
    at('2026-05-04T08:00:00.000Z');
    const ticket = await createTicket(deps, org.customer, { subject: 's', description: 'd', priority: 'high', tags: [], customFields: {} });
    expect(toTicketView(ticket, org.agent).sla).toMatchObject({ policyId: 'default', firstResponseDueAt: '2026-05-04T10:00:00.000Z', nextResponseDueAt: null });
    expect(toTicketView(ticket, org.customer).sla).toBeNull();
    at('2026-05-04T08:05:00.000Z');
    const noted = (await addMessage(deps, org.agent, ticket.ticketId, { body: 'note', internal: true })).ticket;
    expect(toTicketView(noted, org.agent).sla?.firstResponseDueAt).toBe('2026-05-04T10:00:00.000Z');
    at('2026-05-04T08:10:00.000Z');
    const replied = (await addMessage(deps, org.agent, ticket.ticketId, { body: 'hi', internal: false })).ticket;
    expect(toTicketView(replied, org.agent).sla).toMatchObject({ firstResponseDueAt: null, nextResponseDueAt: null });
    at('2026-05-04T09:00:00.000Z');
    const asked = (await addMessage(deps, org.customer, ticket.ticketId, { body: 'and?', internal: false })).ticket;
    expect(toTicketView(asked, org.agent).sla?.nextResponseDueAt).toBe('2026-05-04T11:00:00.000Z');
    expect(asked.slaNextBreachAt).toBe('2026-05-04T11:00:00.000Z');
  });

  it('recomputes on a priority change and stops every clock on resolution', async () => {
    at('2026-05-04T08:00:00.000Z');
    const ticket = await createTicket(deps, org.customer, { subject: 's', description: 'd', priority: 'low', tags: [], customFields: {} });
    at('2026-05-04T08:10:00.000Z');
    const urgent = await updateTicket(deps, org.agent, ticket.ticketId, { priority: 'urgent' });
    expect(toTicketView(urgent, org.agent).sla).toMatchObject({ firstResponseDueAt: '2026-05-04T09:00:00.000Z', resolutionDueAt: '2026-05-04T16:00:00.000Z' });
    expect(urgent.sla.slaVersion).toBe(2);
    at('2026-05-04T08:20:00.000Z');
    const resolved = await updateTicket(deps, org.agent, ticket.ticketId, { status: 'resolved', resolution: 'done' });
    expect(toTicketView(resolved, org.agent).sla).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null, breached: [] });
    expect(resolved).toMatchObject({ slaNextBreachAt: 'none', statusSince: '2026-05-04T08:20:00.000Z' });
  });
});

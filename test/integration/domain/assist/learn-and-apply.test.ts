import { beforeAll, describe, expect, it } from 'vitest';
import { assistNewTicket } from '../../../../functions/domain/assist/assist-new-ticket';
import { learnFromTicket } from '../../../../functions/domain/assist/learn-from-ticket';
import { offlineCategory } from '../../../../functions/domain/assist/suggest';
import type { Ports } from '../../../../functions/domain/ports';
import { createCategory } from '../../../../functions/domain/catalog/manage-categories';
import type { Deps } from '../../../../functions/domain/store/store';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
const noHosted = { objects: { bucket: 'none', put: async () => undefined, get: async () => { throw new Error('no index'); } }, assist: {} } as unknown as Pick<Ports, 'objects' | 'assist'>;

beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
  for (const name of ['billing', 'hardware']) await createCategory(deps, org.admin, { id: name, name });
});

const resolvedEvent = (ticketId: string, category: string, type = 'ticket.status.changed'): Parameters<typeof learnFromTicket>[1] => ({
  type, orgId: org.orgId, ticketId, changes: type === 'ticket.status.changed' ? { status: { from: 'open', to: 'resolved' } } : undefined,
  ticket: { category },
}) as never;

describe('the offline assistant learns once per ticket and applies as the assistant', () => {
  it('counts a ticket once however often its done events arrive, and then classifies', async () => {
    const bill = await createTicket(deps, org.agent, { subject: 'Refund for a double charge', description: 'Invoice charged twice', priority: 'medium', category: 'billing', requester: { email: 'a@example.com' }, tags: [], customFields: {} } as never);
    expect(await learnFromTicket(deps, resolvedEvent(bill.ticketId, 'billing'))).toBe('learned');
    expect(await learnFromTicket(deps, resolvedEvent(bill.ticketId, 'billing'))).toBe('duplicate');
    expect(await learnFromTicket(deps, resolvedEvent(bill.ticketId, 'billing', 'ticket.closed'))).toBe('duplicate');
    expect(await learnFromTicket(deps, { ...resolvedEvent(bill.ticketId, 'billing'), changes: { status: { from: 'new', to: 'open' } } } as never)).toBe('skipped');
    const { data } = await deps.store.entities.assistModel.get({ orgId: org.orgId, categoryId: 'billing' }).go();
    expect(data?.docs).toBe(1);
    // One category taught is no basis for a suggestion.
    expect(await offlineCategory(deps, org.orgId, 'refund invoice', new Set(['billing', 'hardware']))).toBeNull();

    const printer = await createTicket(deps, org.agent, { subject: 'Printer offline', description: 'The printer jams', priority: 'medium', category: 'hardware', requester: { email: 'a@example.com' }, tags: [], customFields: {} } as never);
    await Promise.all([learnFromTicket(deps, resolvedEvent(printer.ticketId, 'hardware')), learnFromTicket(deps, resolvedEvent(printer.ticketId, 'hardware', 'ticket.closed'))]);
    expect((await deps.store.entities.assistModel.get({ orgId: org.orgId, categoryId: 'hardware' }).go()).data?.docs).toBe(1);
    expect(await offlineCategory(deps, org.orgId, 'my printer is offline', new Set(['billing', 'hardware']))).toMatchObject({ id: 'hardware' });
  });

  it('applies category and priority in one version-guarded change with its activity, once', async () => {
    await deps.store.entities.organization.create({ orgId: org.orgId, name: 'Org', settings: { assist: { provider: 'offline', autoApply: true, threshold: 0.5 } }, createdAt: new Date().toISOString() }).go();
    const ticket = await createTicket(deps, org.agent, { subject: 'URGENT printer offline', description: 'The printer jams, everyone is blocked, broken, fix immediately!!!', priority: 'low', requester: { email: 'b@example.com' }, tags: [], customFields: {} } as never);
    expect(await assistNewTicket(deps, noHosted, { type: 'ticket.created', orgId: org.orgId, ticketId: ticket.ticketId })).toBe('applied');
    expect(await assistNewTicket(deps, noHosted, { type: 'ticket.created', orgId: org.orgId, ticketId: ticket.ticketId })).toBe('stored');
    const { data } = await deps.store.entities.ticket.get({ orgId: org.orgId, ticketId: ticket.ticketId }).go();
    expect(data).toMatchObject({ category: 'hardware', priority: 'urgent', version: ticket.version + 1 });
    expect((data!.assist as { category: { id: string } }).category.id).toBe('hardware');
    const activities = (await deps.store.entities.activity.query.byTicket({ orgId: org.orgId, ticketId: ticket.ticketId }).go()).data;
    const byAssistant = activities.filter((a) => a.actorId === 'system:assistant');
    expect(byAssistant).toHaveLength(1);
    expect(byAssistant[0]).toMatchObject({ type: 'ticket.updated', ticketVersion: ticket.version + 1, changes: { category: { from: null, to: 'hardware' }, priority: { from: 'low', to: 'urgent' } } });
  });
});

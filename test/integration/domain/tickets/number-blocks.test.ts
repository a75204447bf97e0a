import { describe, expect, it } from 'vitest';
import { createStore } from '../../../../functions/domain/store/store';
import type { Deps } from '../../../../functions/domain/store/store';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { MAX_BLOCK } from '../../../../functions/domain/tickets/number-blocks';
import { ticketCounterName } from '../../../../functions/domain/tickets/numbering';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

const input = (subject: string) => ({
  subject, description: 'It broke', priority: 'medium' as const, tags: [], customFields: {}, requester: { email: 'someone@example.com' },
});

/** Counts the counter's ADDs (UpdateItem) this client sends. */
function countUpdates(clients: Awaited<ReturnType<typeof integrationDeps>>['clients']) {
  const seen = { updates: 0 };
  clients.document.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'UpdateCommand' || context.commandName === 'UpdateItemCommand') seen.updates += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countUpdates' },
  );
  return seen;
}

describe('ticket numbers taken from the counter a block at a time', () => {
  it('numbers a busy run of creates consecutively with far fewer counter writes than creates', async () => {
    const { deps, clients } = await integrationDeps();
    const org = await seedOrg(deps);
    const seen = countUpdates(clients);
    const tickets = [];
    for (let i = 0; i < 40; i++) tickets.push(await createTicket(deps, org.agent, input(`T${i}`)));
    expect(tickets.map((t) => Number(t.number.slice(-6)))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Slow start: blocks of 1, 2, 4, 8, 16, 32 cover 63 numbers in six ADDs.
    expect(seen.updates).toBeLessThanOrEqual(6);
    const year = Number(tickets[0].number.slice(4, 8));
    const { data: counter } = await deps.store.entities.counter.get({ orgId: org.orgId, name: ticketCounterName(year) }).go();
    expect(counter!.value).toBeGreaterThanOrEqual(40);
    expect(counter!.value).toBeLessThan(40 + MAX_BLOCK);
  });

  it('gives a quiet organization dense numbers: its first create takes a block of one', async () => {
    const { deps } = await integrationDeps();
    const org = await seedOrg(deps);
    const ticket = await createTicket(deps, org.agent, input('only one'));
    const year = Number(ticket.number.slice(4, 8));
    const { data: counter } = await deps.store.entities.counter.get({ orgId: org.orgId, name: ticketCounterName(year) }).go();
    expect(counter!.value).toBe(1);
  });

  it('never gives one number twice when two containers create for the same organization at once', async () => {
    const { deps, clients, table } = await integrationDeps();
    const org = await seedOrg(deps);
    // A second container: its own store (so its own blocks) on the same table.
    const other: Deps = { ...deps, store: createStore(clients.document, table) };
    const created = await Promise.all(Array.from({ length: 60 }, (_, i) => createTicket(i % 2 ? other : deps, org.agent, input(`C${i}`))));
    const numbers = created.map((t) => t.number);
    expect(new Set(numbers).size).toBe(60);
    const lookups = await Promise.all(created.map((t) => deps.store.entities.ticketNumber.get({ orgId: org.orgId, number: t.number }).go()));
    expect(lookups.map((l) => l.data?.ticketId)).toEqual(created.map((t) => t.ticketId));
  });

  it('keeps blocks per organization', async () => {
    const { deps } = await integrationDeps();
    const [a, b] = [await seedOrg(deps), await seedOrg(deps)];
    for (let i = 0; i < 5; i++) await createTicket(deps, a.agent, input(`A${i}`));
    const first = await createTicket(deps, b.agent, input('B0'));
    expect(first.number.endsWith('000001')).toBe(true);
  });
});

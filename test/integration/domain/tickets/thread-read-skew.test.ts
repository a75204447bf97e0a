import { beforeAll, describe, expect, it } from 'vitest';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { getTicketThread } from '../../../../functions/domain/tickets/get-ticket';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import type { Deps } from '../../../../functions/domain/store/store';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

type Org = Awaited<ReturnType<typeof seedOrg>>;

/**
 * Deps whose first message and activity queries read before `write` commits and whose ticket read
 * waits until after it: the interleaving side-by-side reads meet when a change lands between them.
 * `onThreadRead` counts message queries.
 */
function withWriteBetweenReads(deps: Deps, write: () => Promise<unknown>, onThreadRead = () => {}): Deps {
  let committed!: () => void;
  const afterWrite = new Promise<void>((resolve) => { committed = resolve; });
  const firstReadsLeft = new Set(['message', 'activity']);
  const { message, activity, ticket } = deps.store.entities;
  // The customer's thread narrows the query with `where`: the narrowed query reads the same way.
  const readFirstThenWrite = <C extends object>(entity: string, chain: C): C => new Proxy(chain, {
    get: (c, prop) => {
      const original = Reflect.get(c, prop) as (...args: unknown[]) => unknown;
      if (prop === 'where') return (...args: unknown[]) => readFirstThenWrite(entity, original.apply(c, args) as object);
      if (prop !== 'go') return original;
      return async (...args: unknown[]) => {
        if (entity === 'message') onThreadRead();
        const page = await original.apply(c, args);
        if (firstReadsLeft.delete(entity) && firstReadsLeft.size === 0) {
          await write();
          committed();
        }
        return page;
      };
    },
  });
  const queriesOf = <Q extends { byTicket: (key: never) => object }>(entity: string, query: Q) => new Proxy(query, {
    get: (target, name) => name !== 'byTicket' ? Reflect.get(target, name)
      : (key: never) => readFirstThenWrite(entity, target.byTicket(key)),
  });
  const ticketGet = (key: Parameters<typeof ticket.get>[0]) => {
    const op = ticket.get(key);
    return new Proxy(op, { get: (o, prop) => prop !== 'go' ? Reflect.get(o, prop) : async (options?: Parameters<typeof op.go>[0]) => {
      await afterWrite;
      return op.go(options);
    } });
  };
  const withQueries = <E extends object>(entity: E, queries: object) => new Proxy(entity, { get: (e, prop) => prop === 'query' ? queries : Reflect.get(e, prop) });
  const entities = {
    ...deps.store.entities,
    message: withQueries(message, queriesOf('message', message.query)),
    activity: withQueries(activity, queriesOf('activity', activity.query)),
    ticket: new Proxy(ticket, { get: (t, prop) => prop === 'get' ? ticketGet : Reflect.get(t, prop) }),
  };
  return { ...deps, store: { ...deps.store, entities } as Deps['store'] };
}

describe('a ticket thread read while a change commits', () => {
  let deps: Deps;
  let org: Org;
  beforeAll(async () => {
    ({ deps } = await integrationDeps());
    org = await seedOrg(deps);
  });

  it('never shows the ticket counting a message its thread lacks', async () => {
    const created = await createTicket(deps, org.agent, {
      subject: 'Skew', description: 'first', priority: 'medium', tags: [], customFields: {},
      requester: { email: 'skew@example.com' },
    });
    const skewed = withWriteBetweenReads(deps, () => addMessage(deps, org.agent, created.ticketId, { body: 'second', internal: false }));
    const thread = await getTicketThread(skewed, org.agent, created.ticketId);
    expect(thread.ticket.messageCount).toBe(1);
    expect(thread.messages.map((m) => m.body)).toEqual(['second']);
    expect(thread.activities.map((a) => a.type)).toContain('ticket.message.added');
  });

  it('never shows the ticket at a version its history has not reached', async () => {
    const created = await createTicket(deps, org.agent, {
      subject: 'History', description: 'first', priority: 'medium', tags: [], customFields: {},
      requester: { email: 'history@example.com' },
    });
    const skewed = withWriteBetweenReads(deps, () => updateTicket(deps, org.agent, created.ticketId, { priority: 'urgent' }));
    const thread = await getTicketThread(skewed, org.agent, created.ticketId);
    expect(thread.ticket.priority).toBe('urgent');
    const newest = thread.activities.at(-1)!;
    expect((newest.snapshot as { version: number }).version).toBe(thread.ticket.version);
    expect(newest.type).toBe('ticket.updated');
  });

  it('counts notes only for staff, so a customer reads the thread once', async () => {
    const created = await createTicket(deps, org.agent, {
      subject: 'Notes', description: 'public', priority: 'medium', tags: [], customFields: {},
      requester: { email: org.customer.email, name: 'Customer' },
    });
    await addMessage(deps, org.agent, created.ticketId, { body: 'public', internal: false });
    await addMessage(deps, org.agent, created.ticketId, { body: 'only staff see this', internal: true });
    let threadReads = 0;
    const counting = withWriteBetweenReads(deps, async () => undefined, () => { threadReads += 1; });
    const thread = await getTicketThread(counting, org.customer, created.ticketId);
    expect(thread.messages.map((m) => m.body)).toEqual(['public']);
    expect(threadReads).toBe(1);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { addMessage } from '../../../../functions/domain/tickets/add-message';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { getTicketThread } from '../../../../functions/domain/tickets/get-ticket';
import type { Deps } from '../../../../functions/domain/store/store';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

type Org = Awaited<ReturnType<typeof seedOrg>>;

/**
 * Deps whose first thread query reads before `write` commits and whose ticket read waits until
 * after it: the interleaving two side-by-side reads meet when a message lands between them.
 */
function withWriteBetweenReads(deps: Deps, write: () => Promise<unknown>, onThreadRead = () => {}): Deps {
  let committed!: () => void;
  const afterWrite = new Promise<void>((resolve) => { committed = resolve; });
  let first = true;
  const { message, ticket } = deps.store.entities;
  // The customer's thread narrows the query with `where`: the narrowed query reads the same way.
  const readFirstThenWrite = <C extends object>(chain: C): C => new Proxy(chain, {
    get: (c, prop) => {
      const original = Reflect.get(c, prop) as (...args: unknown[]) => unknown;
      if (prop === 'where') return (...args: unknown[]) => readFirstThenWrite(original.apply(c, args) as object);
      if (prop !== 'go') return original;
      return async (...args: unknown[]) => {
        onThreadRead();
        const page = await original.apply(c, args);
        if (first) {
          first = false;
          await write();
          committed();
        }
        return page;
      };
    },
  });
  const messageQuery = new Proxy(message.query, {
    get: (target, name) => name !== 'byTicket' ? Reflect.get(target, name)
      : (key: Parameters<typeof message.query.byTicket>[0]) => readFirstThenWrite(target.byTicket(key)),
  });
  const ticketGet = (key: Parameters<typeof ticket.get>[0]) => {
    const op = ticket.get(key);
    return new Proxy(op, { get: (o, prop) => prop !== 'go' ? Reflect.get(o, prop) : async (options?: Parameters<typeof op.go>[0]) => {
      await afterWrite;
      return op.go(options);
    } });
  };
  const entities = {
    ...deps.store.entities,
    message: new Proxy(message, { get: (m, prop) => prop === 'query' ? messageQuery : Reflect.get(m, prop) }),
    ticket: new Proxy(ticket, { get: (t, prop) => prop === 'get' ? ticketGet : Reflect.get(t, prop) }),
  };
  return { ...deps, store: { ...deps.store, entities } as Deps['store'] };
}

describe('a ticket thread read while a message commits', () => {
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

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { COLLECTION_MEMBERS, ENTITY_NAMES, type Store, createFullStore, createStore } from '../../../../functions/domain/store/store';

type Index = { index?: string; pk: { composite: string[] }; sk?: { composite: string[] } };
type AnyEntity = {
  schema: { indexes: Record<string, Index>; attributes: Record<string, { type: unknown }> };
  model: { entity: string; version: string };
  get(keys: object): { params(): unknown };
  delete(keys: object): { params(): unknown };
  query: Record<string, (keys: object) => { params(): unknown }>;
};

/**
 * A document client whose every call answers `respond` without a network: what ElectroDB sends is
 * kept in `sent` (marshalled); the answer is the document client's (items as plain objects, since
 * this step is inside its marshalling but outside its unmarshalling), an error is DynamoDB's.
 */
function fakeClient(respond: (input: Record<string, unknown>) => unknown) {
  const client = new DynamoDBClient({ region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const sent: unknown[] = [];
  client.middlewareStack.add((() => async (args: { input: Record<string, unknown> }) => {
    sent.push(args.input);
    return { output: respond(args.input), response: {} };
  }) as never, { step: 'build', name: 'fakeDynamo' });
  return { document: DynamoDBDocumentClient.from(client), sent };
}

const stores = (client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' }))) => ({
  full: createFullStore(client, 'test-table'),
  lazy: createStore(client, 'test-table'),
});

/** What is sent or built, as DynamoDB would see it: ElectroDB's symbol-keyed helpers and schema functions left out. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

/** A value of an attribute's type, for a key composite. */
function dummy(entity: AnyEntity, attribute: string): unknown {
  const { type } = entity.schema.attributes[attribute];
  if (Array.isArray(type)) return type[0];
  if (type === 'number') return 7;
  if (type === 'boolean') return true;
  return `${attribute}-1`;
}
const keysOf = (entity: AnyEntity, names: string[]) => Object.fromEntries(names.map((name) => [name, dummy(entity, name)]));

describe('lazy store', () => {
  it('builds no entity until one is used, then each once', () => {
    const { lazy } = stores();
    const descriptors = Object.getOwnPropertyDescriptors(lazy.entities);
    expect(Object.keys(descriptors)).toEqual(ENTITY_NAMES);
    expect(Object.values(descriptors).every((d) => d.get && !('value' in d))).toBe(true);
    const ticket = lazy.entities.ticket;
    expect(lazy.entities.ticket).toBe(ticket);
    expect(Object.getOwnPropertyDescriptor(lazy.entities, 'ticket')!.value).toBe(ticket);
    expect(Object.getOwnPropertyDescriptor(lazy.entities, 'message')!.get).toBeDefined();
  });

  it('has the full Service\'s entities, in its order', () => {
    const { full, lazy } = stores();
    expect(Object.keys(lazy.entities)).toEqual(Object.keys(full.entities));
    // Distinct names: a transaction's items are matched to entities by name and version.
    const names = Object.values(full.entities as unknown as Record<string, AnyEntity>).map((e) => `${e.model.entity}@${e.model.version}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps each collection\'s members as the full Service joins them', () => {
    const { full } = stores();
    const schema = (full as unknown as { collectionSchema: Record<string, { entities: Record<string, unknown> }> }).collectionSchema;
    expect(Object.keys(COLLECTION_MEMBERS).sort()).toEqual(Object.keys(schema).sort());
    expect(Object.keys(COLLECTION_MEMBERS).sort()).toEqual(Object.keys(full.collections).sort());
    for (const [collection, members] of Object.entries(COLLECTION_MEMBERS)) {
      expect(Object.keys(schema[collection].entities), collection).toEqual(members);
    }
  });

  it('gives every entity the same get, delete and index query params as the full Service', () => {
    const { full, lazy } = stores();
    let compared = 0;
    for (const name of ENTITY_NAMES) {
      const reference = full.entities[name] as unknown as AnyEntity;
      const built = lazy.entities[name] as unknown as AnyEntity;
      expect(plain(built.schema)).toEqual(plain(reference.schema));
      for (const [indexName, index] of Object.entries(reference.schema.indexes)) {
        const pk = keysOf(reference, index.pk.composite);
        const all = { ...pk, ...keysOf(reference, index.sk?.composite ?? []) };
        expect(plain(built.query[indexName](all).params()), `${name}.${indexName}`).toEqual(plain(reference.query[indexName](all).params()));
        expect(plain(built.query[indexName](pk).params()), `${name}.${indexName}`).toEqual(plain(reference.query[indexName](pk).params()));
        if (!index.index) {
          expect(plain(built.get(all).params()), `${name} get`).toEqual(plain(reference.get(all).params()));
          expect(plain(built.delete(all).params()), `${name} delete`).toEqual(plain(reference.delete(all).params()));
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(ENTITY_NAMES.length);
  });

  it('gives every collection the same query params as the full Service', () => {
    const { full, lazy } = stores();
    const keys = {
      thread: { orgId: 'o1', ticketId: 't1' },
      slaPolicies: { orgId: 'o1' },
      bulkJob: { orgId: 'o1', jobId: 'j1' },
    } as const;
    for (const collection of Object.keys(COLLECTION_MEMBERS) as (keyof typeof keys)[]) {
      const of = (store: Store) => (store.collections[collection] as (k: object) => { params(o?: object): unknown })(keys[collection]);
      expect(plain(of(lazy).params()), collection).toEqual(plain(of(full).params()));
      expect(plain(of(lazy).params({ consistent: true, limit: 5 })), collection).toEqual(plain(of(full).params({ consistent: true, limit: 5 })));
    }
  });

  const ticketKey = { orgId: 'o1', ticketId: 't1' };
  const activity = {
    ...ticketKey, activityId: 'a1', type: 'ticket.status.changed', actorId: 'u1', actorRole: 'agent', internal: false,
    ticketVersion: 3, snapshot: { status: 'open' }, createdAt: '2026-12-07T12:00:00.000Z',
  };
  const write = (store: Store) => store.transaction.write(({ ticket, activity: activities }) => [
    ticket.patch(ticketKey).set({ status: 'open', version: 3 }).where(({ version }, { eq }) => eq(version, 2)).commit({ response: 'all_old' }),
    activities.create(activity).commit(),
  ]);

  it('gives a transaction the same params as the full Service, building only the entities it uses', () => {
    const { full, lazy } = stores();
    expect(plain(write(lazy).params())).toEqual(plain(write(full).params()));
    expect(plain(write(lazy).params({ token: 'tok' }))).toEqual(plain(write(full).params({ token: 'tok' })));
    const read = (store: Store) => store.transaction.get(({ ticket, message }) => [ticket.get(ticketKey).commit(), message.get({ ...ticketKey, messageId: 'm1' }).commit()]);
    expect(plain(read(lazy).params())).toEqual(plain(read(full).params()));
    const built = Object.entries(Object.getOwnPropertyDescriptors(lazy.entities)).filter(([, d]) => 'value' in d).map(([name]) => name);
    expect(built.sort()).toEqual(['activity', 'message', 'ticket']);
  });

  it('reads a cancelled transaction as the full Service does: canceled, each item\'s code, the old item', async () => {
    const reasons = () => [
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: marshall({
        pk: '$helpdesk#orgid_o1#ticketid_t1', sk: '$ticket_1', orgId: 'o1', ticketId: 't1', status: 'new', version: 5,
        __edb_e__: 'ticket', __edb_v__: '1',
      }) },
      { Code: 'None' },
    ];
    const cancel = () => Object.assign(new Error('Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]'),
      { name: 'TransactionCanceledException', CancellationReasons: reasons(), $metadata: {} });
    const { document, sent } = fakeClient(() => { throw cancel(); });
    const { full, lazy } = stores(document);
    const fromLazy = await write(lazy).go();
    const fromFull = await write(full).go();
    expect(fromLazy).toEqual(fromFull);
    expect(fromLazy.canceled).toBe(true);
    expect(fromLazy.data.map((d) => d.code)).toEqual(['ConditionalCheckFailed', 'None']);
    expect(fromLazy.data[0].item).toMatchObject({ orgId: 'o1', ticketId: 't1', version: 5 });
    expect(sent[0]).toEqual(sent[1]);
  });

  it('reads a transaction\'s items as the full Service does; an empty one makes no call, a throwing one rejects', async () => {
    const item = { pk: '$helpdesk#orgid_o1#ticketid_t1', sk: '$ticket_1', orgId: 'o1', ticketId: 't1', status: 'new', __edb_e__: 'ticket', __edb_v__: '1' };
    const { document, sent } = fakeClient(() => ({ Responses: [{ Item: item }, {}] }));
    const { full, lazy } = stores(document);
    const read = (store: Store) => store.transaction.get(({ ticket, message }) => [ticket.get(ticketKey).commit(), message.get({ ...ticketKey, messageId: 'm1' }).commit()]);
    const fromLazy = await read(lazy).go();
    expect(fromLazy).toEqual(await read(full).go());
    // An entity taken from the store rather than from fn's argument is matched all the same.
    const outside = createStore(document, 'test-table');
    const { ticket: held } = outside.entities;
    const heldRead = outside.transaction.get(({ message }) => [
      (held.get(ticketKey) as unknown as { commit(): never }).commit(), message.get({ ...ticketKey, messageId: 'm1' }).commit(),
    ]);
    expect(await heldRead.go()).toEqual(fromLazy);
    expect(fromLazy.data[0].item).toMatchObject({ orgId: 'o1', ticketId: 't1', status: 'new' });
    expect(fromLazy.data[1].item).toBeNull();
    const failing = (store: Store) => store.transaction.write(() => { throw new Error('bad item'); }).go();
    await expect(failing(lazy)).rejects.toThrow('bad item');
    await expect(failing(full)).rejects.toThrow('bad item');
    const none = (store: Store) => store.transaction.write(() => []).go();
    expect(await none(lazy)).toEqual(await none(full));
    expect(sent).toHaveLength(3);
  });
});

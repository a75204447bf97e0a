/*
 * The Pipe's enrichment (handlers/events/stream-to-events) takes what an EventBridge Pipe hands
 * it from the table's DynamoDB stream: a JSON array of stream records (the Pipe's filter keeps
 * outbox inserts, but the function must not depend on it). Fed here: every DynamoDB stream file
 * of the corpus, the salvageable records of the deliberately malformed one, and variants from
 * the DynamoDB Streams documentation: REMOVE records, records without NewImage (KEYS_ONLY),
 * TTL deletions (userIdentity dynamodb.amazonaws.com), entities the outbox does not know, and
 * images `unmarshall` rejects. One record it cannot read never costs the others their events.
 */
import { readFileSync } from 'node:fs';
import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../../functions/handlers/events/stream-to-events';
import { corpusPath, itWithCorpora } from '../../../support/corpora';

const activity = (id: string) => ({
  pk: `$helpdesk#orgid_o1#ticketid_t1`, sk: `$thread#activity_1#activityid_${id}`, __edb_e__: 'activity', __edb_v__: '1',
  orgId: 'o1', ticketId: 't1', activityId: id, type: 'ticket.status.changed', actorId: 'u1', actorRole: 'agent',
  internal: false, changes: { status: { from: 'new', to: 'open' } }, data: {}, ticketVersion: 2, createdAt: '2026-01-01T00:00:00.000Z',
  snapshot: { number: 'TKT-2026-000001', subject: 's', status: 'open', priority: 'high', assigneeId: null, requesterEmail: 'c@x.io', escalationTier: 0, channel: 'api', updatedAt: '2026-01-01T00:00:00.000Z', version: 2 },
});
const insert = (image: Record<string, unknown>, over: Partial<DynamoDBRecord> = {}): DynamoDBRecord => ({
  eventID: 'e', eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'eu-west-1',
  dynamodb: { ApproximateCreationDateTime: 1, Keys: {}, NewImage: image as never, SequenceNumber: '1', SizeBytes: 1, StreamViewType: 'NEW_IMAGE' }, ...over,
});
const ids = async (records: DynamoDBRecord[]) => (await handler(records)).map((event) => event.id);

describe('the Pipe enrichment takes whatever records the stream sends', () => {
  itWithCorpora('reads every corpus stream file (none is an outbox insert) to no events, without a throw', async () => {
    for (const file of ['aws-lambda-go/dynamodb-event.json', 'powertools-lambda-python/dynamoStreamEvent.json', 'powertools-lambda-typescript/dynamodb/base.json']) {
      const { Records } = JSON.parse(readFileSync(corpusPath('aws', file), 'utf8')) as { Records: DynamoDBRecord[] };
      expect([file, await handler(Records)]).toEqual([file, []]);
    }
  });

  itWithCorpora('the malformed corpus file is not JSON (AWS cannot deliver it); its records, closed, are read without a throw', async () => {
    const text = readFileSync(corpusPath('aws', 'aws-lambda-go/dynamodb-event-malformed.2.json'), 'utf8');
    expect(() => JSON.parse(text)).toThrow();
    const { Records } = JSON.parse(`${text.trimEnd()}\n]}}}}]}`) as { Records: DynamoDBRecord[] };
    expect(Records).toHaveLength(2);
    expect(await handler(Records)).toEqual([]);
    // The same odd attributes (B as text, BS, NS, NULL, nested L/M) inside an activity do not stop its event.
    const odd = { ...marshall(activity('a-odd')), ...Records[1]!.dynamodb!.NewImage } as Record<string, unknown>;
    expect(await ids([insert(odd)])).toEqual(['a-odd']);
  });

  it('skips REMOVE and MODIFY records, TTL deletions and records without a NewImage', async () => {
    const image = marshall(activity('a1'));
    const ttl = insert(image, { eventName: 'REMOVE', userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } });
    (ttl.dynamodb as Record<string, unknown>).OldImage = image;
    delete (ttl.dynamodb as Record<string, unknown>).NewImage;
    const keysOnly = insert(image);
    delete (keysOnly.dynamodb as Record<string, unknown>).NewImage;
    const noDynamodb = { eventName: 'INSERT' } as DynamoDBRecord;
    expect(await ids([ttl, insert(image, { eventName: 'REMOVE' }), insert(image, { eventName: 'MODIFY' }), keysOnly, noDynamodb])).toEqual([]);
  });

  it('skips items of entities the outbox does not know, and jobs of types it does not know', async () => {
    const records = [
      insert(marshall({ pk: 'x', sk: 'y', __edb_e__: 'ticket', orgId: 'o1' })),
      insert(marshall({ pk: 'x', sk: 'y' })),
      insert(marshall({ pk: 'x', sk: 'y', __edb_e__: 'outboxJob', type: 'job.mystery', orgId: 'o1', jobId: 'j' })),
      insert(marshall(activity('a2'))),
    ];
    expect(await ids(records)).toEqual(['a2']);
  });

  it('drops only the record whose image cannot be read (unknown type tag, null, empty attribute) and keeps the others\' events', async () => {
    const bad = [
      { ...marshall(activity('bad1')), data: { X: 1 } },
      { ...marshall(activity('bad2')), actorId: null },
      { ...marshall(activity('bad3')), ticketVersion: { N: '123456789012345678901234567890' } },
    ];
    const records = [insert(marshall(activity('ok1'))), ...bad.map((image) => insert(image)), insert(marshall(activity('ok2')))];
    const events = await handler(records);
    expect(events.map((event) => event.id)).toEqual(['ok1', 'ok2']);
    // What the Pipe hands EventBridge must serialise.
    expect(() => JSON.stringify(events)).not.toThrow();
  });

  it('takes a batch that is not an array, or holds garbage, without a throw', async () => {
    expect(await handler(undefined as never)).toEqual([]);
    expect(await handler({ Records: [insert(marshall(activity('wrapped')))] } as never)).toEqual(['wrapped'].map((id) => expect.objectContaining({ id })));
    expect(await handler([null, 'x', 42] as never)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../../functions/handlers/events/stream-to-events';
import { EVENT_SCHEMAS } from '../../../../schemas/events';
import { corpusPath, itWithCorpora } from '../../../support/corpora';

const corpus = corpusPath('aws');
const activity = {
  pk: '$helpdesk#orgid_o1#ticketid_t1', sk: '$thread#activity_1#activityid_a1', __edb_e__: 'activity', __edb_v__: '1',
  orgId: 'o1', ticketId: 't1', activityId: 'a1', type: 'ticket.status.changed', actorId: 'u1', actorRole: 'agent',
  internal: false, changes: { status: { from: 'new', to: 'open' } }, data: {}, ticketVersion: 2, createdAt: '2026-01-01T00:00:00.000Z',
  snapshot: { number: 'TKT-2026-000001', subject: 's', status: 'open', priority: 'high', assigneeId: null, requesterEmail: 'c@x.io', escalationTier: 0, channel: 'api', updatedAt: '2026-01-01T00:00:00.000Z', version: 2 },
};

describe('the Pipe enrichment: stream records to ticket events', () => {
  it('turns an activity insert into a valid versioned event, with empty maps intact', async () => {
    const record = { eventName: 'INSERT', dynamodb: { NewImage: marshall(activity) } } as unknown as DynamoDBRecord;
    const [event] = await handler([record]);
    expect(EVENT_SCHEMAS['ticket.status.changed'].parse(event)).toMatchObject({ id: 'a1', type: 'ticket.status.changed', ticket: { status: 'open' }, data: {} });
  });

  itWithCorpora('ignores the real AWS samples of other items, modifies and removes', async () => {
    const samples = ['aws-lambda-go/dynamodb-event.json', 'powertools-lambda-python/dynamoStreamEvent.json'];
    for (const sample of samples) {
      const { Records } = JSON.parse(readFileSync(path.join(corpus, sample), 'utf8')) as { Records: DynamoDBRecord[] };
      expect(await handler(Records)).toEqual([]);
    }
  });

  it('drops activity types the bus does not carry', async () => {
    const record = { eventName: 'INSERT', dynamodb: { NewImage: marshall({ ...activity, type: 'ticket.mystery' }) } } as unknown as DynamoDBRecord;
    expect(await handler([record])).toEqual([]);
  });
});

import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { busDetailOf, isTicketEvent, outboxItemOf } from '../../../../functions/domain/events/bus-detail-of';
import { eventFromJob, outboxJobOf } from '../../../../functions/domain/outbox/outbox-jobs';
import { handler } from '../../../../functions/handlers/events/stream-to-events';
import { EVENT_RULES, ruleMatches } from '../../../../functions/manifest/event-rules';
import { QUEUES } from '../../../../functions/manifest/queues';
import { JOB_TYPES } from '../../../../schemas/events';

const deps = { now: () => new Date('2026-03-01T10:00:00.000Z'), newId: () => 'J1' };
const data = { orgId: 'o1', webhookId: 'w1', deliveryId: 'd1', seq: 2, retry: 0, notBefore: '2026-03-01T10:00:00.000Z' };
const jobImage = (over: Record<string, unknown> = {}) => ({
  pk: '$helpdesk#orgid_o1#jobid_j1', sk: '$outboxjob_1', __edb_e__: 'outboxJob', __edb_v__: '1',
  ...outboxJobOf(deps, 'o1', 'job.webhook.delivery', data), ...over,
});

describe('outbox jobs', () => {
  it('makes a job item that expires a week after it is written', () => {
    expect(outboxJobOf(deps, 'o1', 'job.webhook.delivery', data)).toEqual({
      orgId: 'o1', jobId: 'J1', type: 'job.webhook.delivery', data, createdAt: '2026-03-01T10:00:00.000Z',
      ttl: Date.parse('2026-03-08T10:00:00.000Z') / 1000,
    });
  });

  it('turns a job insert into a job event with its own detail-type, and the enrichment passes it on', async () => {
    const job = outboxJobOf(deps, 'o1', 'job.webhook.delivery', data);
    expect(eventFromJob(job)).toEqual({ version: '1', id: 'J1', type: 'job.webhook.delivery', occurredAt: job.createdAt, orgId: 'o1', data });
    expect(busDetailOf(jobImage())).toEqual(eventFromJob(job));
    const [event] = await handler([{ eventName: 'INSERT', dynamodb: { NewImage: marshall(jobImage()) } } as unknown as DynamoDBRecord]);
    expect(event).toEqual(eventFromJob(job));
    expect(isTicketEvent(event)).toBe(false);
  });

  it('ignores job items of an unknown type, and other entities', () => {
    expect(outboxItemOf(jobImage({ type: 'job.mystery' }))).toEqual({ kind: 'other' });
    expect(busDetailOf({ __edb_e__: 'ticket', orgId: 'o1' })).toBeUndefined();
    expect(busDetailOf(undefined)).toBeUndefined();
  });
});

describe('rules for jobs', () => {
  it('sends every job type to exactly one manifest queue, as the job data its consumer reads', () => {
    for (const type of JOB_TYPES) {
      const rules = EVENT_RULES.filter((rule) => ruleMatches(rule, type));
      expect(rules, type).toHaveLength(1);
      expect(rules[0].target).toMatchObject({ kind: 'queue', body: 'job-data' });
      if (rules[0].target.kind === 'queue') expect(QUEUES[rules[0].target.queue]).toBeDefined();
    }
  });

  it('never gives a job to a rule that takes every ticket event', () => {
    const everything = { detailTypes: '*' } as const;
    expect(ruleMatches(everything, 'ticket.created')).toBe(true);
    for (const type of JOB_TYPES) expect(ruleMatches(everything, type)).toBe(false);
    expect(ruleMatches({ detailTypes: ['ticket.created'] }, 'ticket.closed')).toBe(false);
  });
});

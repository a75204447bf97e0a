import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynamo, startDynamoDbLocal } from '../../../../bin/local/dynamodb-local';
import { ensureTable } from '../../../../bin/local/ensure-table';
import { createDynamoClients } from '../../../../functions/adapters/dynamodb-clients';
import { ForbiddenError, NotFoundError } from '../../../../functions/domain/errors';
import {
  createSlaPolicy, deleteSlaPolicy, getSlaPolicy, listSlaPolicies, replaceSlaPolicy,
} from '../../../../functions/domain/sla-policies/manage-sla-policies';
import { readOrgPolicies } from '../../../../functions/domain/sla-policies/policy-cache';
import { upcomingBreaches } from '../../../../functions/domain/sla-policies/upcoming-breaches';
import { NoBusinessHoursError } from '../../../../functions/domain/sla';
import type { Deps } from '../../../../functions/domain/store/store';
import { createTicket } from '../../../../functions/domain/tickets/create-ticket';
import { updateTicket } from '../../../../functions/domain/tickets/update-ticket';
import { TABLE } from '../../../../functions/manifest/table';
import { SlaPolicyInput } from '../../../../schemas/sla-policies';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

const input = (over: Record<string, unknown> = {}) =>
  SlaPolicyInput.parse({ name: 'Gold', calendar: '24x7', targets: { high: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 600 } }, ...over });

describe('SLA policies and the upcoming-breaches index against DynamoDB Local', () => {
  let deps: Deps;
  let clients: Awaited<ReturnType<typeof integrationDeps>>['clients'];
  let now = new Date('2026-05-04T08:00:00.000Z');
  beforeAll(async () => {
    ({ deps, clients } = await integrationDeps(() => now));
  });

  it('keeps exactly one default: a new default replaces the old one in the same write', async () => {
    const org = await seedOrg(deps);
    const a = await createSlaPolicy(deps, org.admin, input({ name: 'A', default: true }));
    const b = await createSlaPolicy(deps, org.admin, input({ name: 'B' }));
    expect([a.default, b.default]).toEqual([true, false]);
    await replaceSlaPolicy(deps, org.admin, b.id, input({ name: 'B2', default: true }));
    const listed = await listSlaPolicies(deps, org.agent);
    expect(listed.map((p) => [p.name, p.default])).toEqual([['A', false], ['B2', true]]);
    expect((await readOrgPolicies(deps, org.orgId)).defaultId).toBe(b.id);
    await Promise.allSettled([
      createSlaPolicy(deps, org.admin, input({ name: 'C', default: true })),
      createSlaPolicy(deps, org.admin, input({ name: 'D', default: true })),
    ]);
    const defaults = (await listSlaPolicies(deps, org.agent)).filter((p) => p.default);
    expect(defaults).toHaveLength(1);
  });

  it('lets only admins write, staff read, and forgets a deleted default', async () => {
    const org = await seedOrg(deps);
    await expect(createSlaPolicy(deps, org.supervisor, input())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listSlaPolicies(deps, org.customer)).rejects.toBeInstanceOf(ForbiddenError);
    const p = await createSlaPolicy(deps, org.admin, input({ default: true }));
    expect((await getSlaPolicy(deps, org.agent, p.id)).targets.high.firstResponseMinutes).toBe(60);
    await deleteSlaPolicy(deps, org.admin, p.id);
    await expect(getSlaPolicy(deps, org.agent, p.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await readOrgPolicies(deps, org.orgId)).toEqual({ policies: [], defaultId: null });
  });

  it('refuses a calendar without business hours that slipped past the schema', async () => {
    const org = await seedOrg(deps);
    const broken = { ...input(), calendar: { timezone: 'Europe/Berlin', hours: {}, holidays: [] } } as SlaPolicyInput;
    await expect(createSlaPolicy(deps, org.admin, broken)).rejects.toBeInstanceOf(NoBusinessHoursError);
  });

  it('starts new tickets on the org default policy and lists the next breaches from gsi6, earliest first', async () => {
    const org = await seedOrg(deps);
    const gold = await createSlaPolicy(deps, org.admin, input({ default: true }));
    const open = (priority: 'high' | 'low') =>
      createTicket(deps, org.agent, { subject: priority, description: 'x', priority, tags: [], customFields: {}, requester: { email: 'c@example.com' } } as never);
    const low = await open('low');
    const high = await open('high');
    expect(high.sla).toMatchObject({ policyId: gold.id, targets: { firstResponseMinutes: 60 } });
    expect(high.slaNextBreachAt).toBe('2026-05-04T09:00:00.000Z');
    const list = await upcomingBreaches(deps, org.agent, { limit: 10 });
    expect(list.map((b) => [b.ticketId, b.target, b.dueAt])).toEqual([
      [high.ticketId, 'firstResponse', '2026-05-04T09:00:00.000Z'],
      [low.ticketId, 'firstResponse', '2026-05-04T16:00:00.000Z'],
    ]);
    expect(await upcomingBreaches(deps, org.agent, { limit: 10, before: '2026-05-04T10:00:00.000Z' })).toHaveLength(1);

    // Waiting on the customer pauses the clock: the ticket leaves the sparse index, and comes back on resume.
    const paused = await updateTicket(deps, org.agent, high.ticketId, { status: 'waiting_on_customer' });
    expect(paused.slaNextBreachAt).toBe('none');
    expect((await upcomingBreaches(deps, org.agent, { limit: 10 })).map((b) => b.ticketId)).toEqual([low.ticketId]);
    now = new Date('2026-05-04T08:30:00.000Z');
    await updateTicket(deps, org.agent, high.ticketId, { status: 'open' });
    const [first] = await upcomingBreaches(deps, org.agent, { limit: 10 });
    expect(first).toMatchObject({ ticketId: high.ticketId, dueAt: '2026-05-04T09:30:00.000Z' });
    const other = await seedOrg(deps);
    expect(await upcomingBreaches(deps, other.agent, { limit: 10 })).toEqual([]);
  });
});

// Its own DynamoDB Local: index builds there queue behind every other table's work, and under the
// whole suite the shared instance made this upgrade wait for minutes.
describe('an older table upgraded by ensureTable', () => {
  let dynamo: RunningDynamo;
  let client: DynamoDBClient;
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    ({ client } = createDynamoClients({ endpoint: dynamo.endpoint }));
  });
  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  it('adds an index that an older table lacks (one per UpdateTable call)', async () => {
    const name = `old-${randomUUID().slice(0, 8)}`;
    const old = TABLE.globalIndexes.slice(0, 4);
    await client.send(new CreateTableCommand({
      TableName: name, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', ...old.flatMap((i) => [i.partitionKey, i.sortKey])].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: old.map((i) => ({
        IndexName: i.name, Projection: { ProjectionType: 'ALL' },
        KeySchema: [{ AttributeName: i.partitionKey, KeyType: 'HASH' }, { AttributeName: i.sortKey, KeyType: 'RANGE' }],
      })),
    }));
    await ensureTable(client, name);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(TABLE.globalIndexes.map((i) => i.name).sort());
    expect(new Set(Table?.GlobalSecondaryIndexes?.map((i) => i.Projection?.ProjectionType))).toEqual(new Set(['INCLUDE']));
  }, 120_000);
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../functions/domain/store/store';
import { MAX_PROJECTED_ATTRIBUTES, TABLE, onGlobalIndex } from '../../../functions/manifest/table';

describe('table indexes', () => {
  it('gives an entity index the key fields of the named GSI', () => {
    expect(onGlobalIndex('gsi3', ['orgId', 'status'], ['updatedAt'])).toEqual({
      index: 'gsi3', pk: { field: 'gsi3pk', composite: ['orgId', 'status'] }, sk: { field: 'gsi3sk', composite: ['updatedAt'] },
    });
  });

  it('has every entity index on a GSI the table defines, with its fields', () => {
    const store = createStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' })), 'test');
    const defined = new Map<string, { partitionKey: string; sortKey: string }>(TABLE.globalIndexes.map((index) => [index.name, index]));
    let checked = 0;
    for (const entity of Object.values(store.entities)) {
      for (const index of Object.values(entity.schema.indexes) as { index?: string; pk: { field: string }; sk?: { field: string } }[]) {
        if (!index.index) continue;
        const table = defined.get(index.index);
        expect(table, index.index).toBeDefined();
        expect(index.pk.field).toBe(table!.partitionKey);
        expect(index.sk?.field).toBe(table!.sortKey);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('stays within DynamoDB\'s projected attribute names: 20 an index, 100 in all', () => {
    const total = TABLE.globalIndexes.reduce((sum, index) => sum + index.include.length, 0);
    expect(total).toBeLessThanOrEqual(MAX_PROJECTED_ATTRIBUTES.total);
    for (const index of TABLE.globalIndexes) {
      expect(index.include.length, index.name).toBeLessThanOrEqual(MAX_PROJECTED_ATTRIBUTES.perIndex);
      expect(new Set(index.include).size, index.name).toBe(index.include.length);
    }
  });

  it('projects every key composite, and what ticket lists filter on', () => {
    const store = createStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' })), 'test');
    const included = (name: string) => new Set<string>(TABLE.globalIndexes.find((i) => i.name === name)!.include);
    for (const index of ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5']) {
      for (const filter of ['status', 'priority', 'category', 'channel', 'type', 'departmentId', 'watchers', 'tags', 'customStatusId']) {
        expect(included(index).has(filter), `${index} ${filter}`).toBe(true);
      }
    }
    // ElectroDB rebuilds a page's cursor from the key composites: every one must be in the index.
    for (const entity of Object.values(store.entities)) {
      for (const index of Object.values(entity.schema.indexes) as { index?: string; pk: { composite: string[] }; sk?: { composite: string[] } }[]) {
        if (!index.index) continue;
        for (const attribute of [...index.pk.composite, ...(index.sk?.composite ?? [])]) {
          expect(included(index.index).has(attribute), `${index.index} ${attribute}`).toBe(true);
        }
      }
    }
  });
});

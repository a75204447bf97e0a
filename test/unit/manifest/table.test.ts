import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../functions/domain/store/store';
import { TABLE, onGlobalIndex } from '../../../functions/manifest/table';

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
});

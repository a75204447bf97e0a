import { describe, expect, it } from 'vitest';
import { type Capacity, billedWrite, itemSize, itemWriteUnits, localReported } from '../../../bench/capacity';

// ConsumedCapacity shapes recorded from DynamoDB Local (2026-01-16 release) under
// ReturnConsumedCapacity=INDEXES, on a table with two GSIs (bench/capacity.ts says why).
const recorded = {
  /** PutItem of a 1.5 KB item that both indexes carry. */
  put: { TableName: 'probe', CapacityUnits: 4, Table: { CapacityUnits: 2 }, GlobalSecondaryIndexes: { ix1: { CapacityUnits: 1 }, ix2: { CapacityUnits: 1 } } },
  /** The same put inside a TransactWriteItems: Local doubles the index arms too. */
  transactPut: [{ TableName: 'probe', CapacityUnits: 8, Table: { CapacityUnits: 4 }, GlobalSecondaryIndexes: { ix1: { CapacityUnits: 2 }, ix2: { CapacityUnits: 2 } } }],
  /** An UpdateItem that moves ix1's key (a delete and a put in the index). */
  keyMove: { TableName: 'probe', CapacityUnits: 4, Table: { CapacityUnits: 2 }, GlobalSecondaryIndexes: { ix1: { CapacityUnits: 2 } } },
  transactKeyMove: [{ TableName: 'probe', CapacityUnits: 8, Table: { CapacityUnits: 4 }, GlobalSecondaryIndexes: { ix1: { CapacityUnits: 4 } } }],
  /** Two small puts in one transaction: Local reports 2 (AWS bills 4: two writes of each item). */
  twoSmallPuts: [{ TableName: 'probe', CapacityUnits: 2, Table: { CapacityUnits: 2 } }],
  /** The bench's reply before this change: ticket update, activity and message; five indexes moved. */
  reply: [{ TableName: 'helpdesk', CapacityUnits: 30, Table: { CapacityUnits: 8 }, GlobalSecondaryIndexes: {
    gsi1: { CapacityUnits: 4 }, gsi2: { CapacityUnits: 2 }, gsi3: { CapacityUnits: 4 }, gsi4: { CapacityUnits: 4 }, gsi5: { CapacityUnits: 4 }, gsi6: { CapacityUnits: 4 } } }],
} satisfies Record<string, Capacity | Capacity[]>;

const sized = (bytes: number) => ({ pk: { S: 'k' }, b: { S: 'x'.repeat(bytes - 4) } }); // 'pk' + 'k' and 'b': 4 bytes, the value the rest

describe('item size (DynamoDB rules)', () => {
  it('counts names and values: strings by UTF-8 bytes, numbers by digits, lists and maps with their overhead', () => {
    expect(itemSize({ pk: { S: 'abc' } })).toBe(5);
    expect(itemSize({ é: { S: 'é' } })).toBe(4);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ f: { BOOL: true }, z: { NULL: true } })).toBe(4);
    expect(itemSize({ l: { L: [{ S: 'ab' }, { N: '1' }] } })).toBe(1 + 3 + (1 + 2) + (1 + 2));
    expect(itemSize({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize(sized(1500))).toBe(1500);
  });

  it('rounds a write up to whole kilobytes on the larger of the before and after images', () => {
    expect(itemWriteUnits({ after: sized(10) })).toBe(1);
    expect(itemWriteUnits({ after: sized(1024) })).toBe(1);
    expect(itemWriteUnits({ after: sized(1025) })).toBe(2);
    expect(itemWriteUnits({ before: sized(2100), after: sized(900) })).toBe(3);
    expect(itemWriteUnits({ before: sized(900) })).toBe(1); // a delete
  });
});

describe('write units as AWS bills them', () => {
  it('takes single-item writes as Local reports them', () => {
    expect(billedWrite('PutItemCommand', [recorded.put])).toBe(4);
    expect(billedWrite('UpdateItemCommand', [recorded.keyMove])).toBe(4);
    expect(localReported([recorded.put])).toBe(4);
  });

  it('charges a transaction two table writes of each item and its index arms at single rate', () => {
    // 1.5 KB put: table 2 units x 2, two index puts of 1: what the same put costs outside a transaction plus the table's second write.
    expect(billedWrite('TransactWriteItemsCommand', recorded.transactPut, [{ after: sized(1500) }])).toBe(4 + 2);
    expect(localReported(recorded.transactPut)).toBe(8);
    // A key move charges the index a delete and a put, in a transaction or not.
    expect(billedWrite('TransactWriteItemsCommand', recorded.transactKeyMove, [{ before: sized(1500), after: sized(1500) }])).toBe(4 + 2);
  });

  it('counts every item of a transaction, where Local collapses items whose records come out the same', () => {
    expect(localReported(recorded.twoSmallPuts)).toBe(2);
    expect(billedWrite('TransactWriteItemsCommand', recorded.twoSmallPuts, [{ after: sized(50) }, { after: sized(60) }])).toBe(4);
  });

  it('prices the recorded reply: a 2 KB ticket, its activity and message, six index arms at single rate', () => {
    const arms = [{ before: sized(1900), after: sized(1950) }, { after: sized(1300) }, { after: sized(400) }];
    expect(billedWrite('TransactWriteItemsCommand', recorded.reply, arms)).toBe(2 * 2 + 2 * 2 + 2 * 1 + 11);
    expect(localReported(recorded.reply)).toBe(30);
  });

  it('takes a transaction\'s table arm from Local when no images were read (a lower bound: the collapse stays)', () => {
    expect(billedWrite('TransactWriteItemsCommand', recorded.transactPut)).toBe(4 + 2);
    expect(billedWrite('TransactWriteItemsCommand', recorded.twoSmallPuts)).toBe(2);
    expect(billedWrite('TransactWriteItemsCommand', recorded.reply)).toBe(8 + 11);
  });

  it('charges a condition check two writes on the image it read', () => {
    const check = { before: sized(300), after: sized(300) };
    expect(billedWrite('TransactWriteItemsCommand', [{ TableName: 't', CapacityUnits: 2, Table: { CapacityUnits: 2 } }], [check])).toBe(2);
  });
});

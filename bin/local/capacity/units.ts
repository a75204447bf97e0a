import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TABLE } from '../../../functions/manifest/table';

/**
 * DynamoDB capacity units as AWS bills them, from what DynamoDB Local reports: one
 * implementation for the local runtime's meter (meter.ts, GET /v1/dev/capacity) and the
 * bench's (bench/capacity.ts). Local-only code: no Lambda bundle imports bin/local.
 */

/** One table's entry of a response's ConsumedCapacity under ReturnConsumedCapacity=INDEXES. */
export interface Capacity {
  TableName?: string;
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

export type Item = Record<string, AttributeValue>;

/** What a transaction did to one item: its stored image before and after (absent: no item). */
export interface TransactArm {
  before?: Item;
  after?: Item;
}

/**
 * DynamoDB's size of an item in bytes, by its documented rules: each attribute's name (UTF-8)
 * plus its value; strings and binaries by their bytes, a number by about one byte per two
 * significant digits plus one, booleans and null one byte, a list or map 3 bytes plus one a
 * member plus the members (a map's with their names), a set its members.
 */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((s, v) => s + utf8(v), 0);
  if (value.NS) return value.NS.reduce((s, v) => s + numberSize(v), 0);
  if (value.BS) return value.BS.reduce((s, v) => s + v.byteLength, 0);
  if (value.L) return 3 + value.L.reduce((s, v) => s + 1 + valueSize(v), 0);
  if (value.M) return 3 + Object.entries(value.M).reduce((s, [k, v]) => s + 1 + utf8(k) + valueSize(v), 0);
  return 0;
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
function numberSize(n: string): number {
  const digits = n.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** Write units of one item write: 1 KB each, rounded up, on the larger of its two images. */
export const itemWriteUnits = (arm: TransactArm) =>
  Math.max(1, Math.ceil(Math.max(arm.before ? itemSize(arm.before) : 0, arm.after ? itemSize(arm.after) : 0) / 1024));

/** An item's size and its eight largest attributes, for the bench's detail output. */
export function sizeReport(item: Item): string {
  const parts = Object.entries(item).map(([name, value]) => [name, itemSize({ [name]: value })] as const).sort((a, b) => b[1] - a[1]);
  return `${item.__edb_e__?.S ?? '?'} ${itemSize(item)} B: ${parts.slice(0, 8).map(([n, b]) => `${n} ${b}`).join(', ')}`;
}

/** Local's raw figure: every table's CapacityUnits summed. */
export const localReported = (consumed: readonly Capacity[]) => consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);

const indexUnits = (c: Capacity) =>
  [c.GlobalSecondaryIndexes, c.LocalSecondaryIndexes].reduce((sum, group) =>
    sum + Object.values(group ?? {}).reduce((s, i) => s + (i.CapacityUnits ?? 0), 0), 0);

/**
 * Write units of one call as AWS bills them. A single-item write (PutItem, UpdateItem,
 * DeleteItem) and BatchWriteItem: as DynamoDB Local reports them (it follows AWS there).
 * TransactWriteItems: AWS charges the table two writes of every item (prepare and commit),
 * each rounded up to 1 KB on the larger of the item's before and after images, so the table
 * arm is computed from `arms`; an index arm costs what the same write costs outside a
 * transaction, so the index arms are Local's reported ones at single rate (Local doubles them).
 * The table arm is not taken from Local: measured on DynamoDB Local (2026-01-16 release), it
 * doubles each item's record but collapses records that come out identical, so a transaction
 * of a ticket, its activity and its message reports the two small items as one
 * (awslabs/amazon-dynamodb-local-samples#31: two small puts report 2, AWS 4). The same collapse
 * could hide an index arm when two items of one transaction write the same index alike; in the
 * lifecycle only the ticket writes indexes, so its index arms are whole.
 *
 * Without `arms` (the images were not read) the table arm is Local's own: right for items of
 * different sizes, short where the collapse hides an item, so then the figure is a lower bound.
 */
export function billedWrite(command: string, consumed: readonly Capacity[], arms?: readonly TransactArm[]): number {
  if (command !== 'TransactWriteItemsCommand') return localReported(consumed);
  const indexes = consumed.reduce((sum, c) => sum + indexUnits(c), 0) / 2;
  const table = arms
    ? arms.reduce((sum, arm) => sum + 2 * itemWriteUnits(arm), 0)
    : consumed.reduce((sum, c) => sum + (c.Table?.CapacityUnits ?? (c.CapacityUnits ?? 0) - indexUnits(c)), 0);
  return table + indexes;
}

/**
 * The commands that take `ReturnConsumedCapacity` (the others, DescribeTable and the like, consume
 * nothing). No Scan: the application never scans, so the meter has nothing of it to bill.
 */
export const CAPACITY_COMMANDS: ReadonlySet<string> = new Set([
  'GetItemCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'QueryCommand',
  'BatchGetItemCommand', 'BatchWriteItemCommand', 'TransactGetItemsCommand', 'TransactWriteItemsCommand',
  'ExecuteStatementCommand', 'BatchExecuteStatementCommand', 'ExecuteTransactionCommand',
]);

/**
 * Read units of one call as AWS bills them: as Local reports them, except a Query that
 * found nothing, which Local reports as 0 and AWS bills at the minimum read (0.5, 1 strongly
 * consistent): an assumption, stated, since nothing here can ask AWS. (A GetItem of a missing
 * item Local already reports at 0.5.)
 */
export function billedRead(command: string, consumed: readonly Capacity[], input: { ConsistentRead?: unknown }): number {
  const reported = localReported(consumed);
  if (reported === 0 && command === 'QueryCommand') return input.ConsistentRead ? 1 : 0.5;
  return reported;
}

/**
 * Write units of a single-item write whose condition failed: DynamoDB still bills the write (on
 * the existing item's size; 1 unit is the floor, counted here since Local returns no capacity
 * with the error). Other failures (a cancelled transaction, a throttle) count no units.
 */
export function billedFailedWrite(command: string, error: unknown): number {
  const single = command === 'PutItemCommand' || command === 'UpdateItemCommand' || command === 'DeleteItemCommand';
  return single && (error as { name?: string })?.name === 'ConditionalCheckFailedException' ? 1 : 0;
}

/** Whether a call's units are read units: the Get/Query family, and a PartiQL SELECT. */
export function readsOnly(command: string, input: { Statement?: unknown }): boolean {
  if (/Statement/.test(command)) return /^\s*select\b/i.test(String(input.Statement ?? ''));
  return /Get|Query/.test(command);
}

export type TransactItem = {
  Put?: { TableName: string; Item: Record<string, unknown> };
  Update?: { TableName: string; Key: Record<string, unknown> };
  Delete?: { TableName: string; Key: Record<string, unknown> };
  ConditionCheck?: { TableName: string; Key: Record<string, unknown> };
};

/** Each transact item's table and key (raw or document form); a ConditionCheck writes nothing. */
export function transactTargets(items: readonly TransactItem[] = []) {
  const keyOf = (attrs: Record<string, unknown>) => {
    const key: Record<string, unknown> = {};
    for (const name of [TABLE.partitionKey, TABLE.sortKey]) if (attrs[name] !== undefined) key[name] = attrs[name];
    return toRaw(key);
  };
  return items.map((item) => {
    if (item.Put) return { table: item.Put.TableName, key: keyOf(item.Put.Item), writes: true };
    if (item.Update) return { table: item.Update.TableName, key: keyOf(item.Update.Key), writes: true };
    if (item.Delete) return { table: item.Delete.TableName, key: keyOf(item.Delete.Key), writes: true };
    return { table: item.ConditionCheck!.TableName, key: keyOf(item.ConditionCheck!.Key), writes: false };
  });
}

/** A key (string or number attributes) in either form: the document client's plain values, or attribute values already. */
function toRaw(key: Record<string, unknown>): Item {
  return Object.fromEntries(Object.entries(key).map(([name, v]) => [name,
    typeof v === 'string' ? { S: v } : typeof v === 'number' ? { N: String(v) } : (v as AttributeValue)]));
}

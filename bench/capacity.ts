import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import { meterDynamoCalls } from '../bin/local/capacity/meter';
import type { RuntimeContract } from '../bin/local/runtime';
import { createDynamoClients } from '../functions/adapters/dynamodb-clients';
import type { Caller } from '../functions/domain/caller';
import { type Deps, createStore } from '../functions/domain/store/store';

// The arithmetic (item sizes, the billing rule) is the local runtime's meter's: one implementation.
export { type Capacity, type TransactArm, billedWrite, itemSize, itemWriteUnits, localReported, sizeReport } from '../bin/local/capacity/units';

export interface CapacityMeter {
  read: number;
  /** Write units as AWS bills them (bin/local/capacity/units.ts, billedWrite). */
  write: number;
  /** Write units as DynamoDB Local reports them: the raw sum of its ConsumedCapacity. */
  writeLocalReported: number;
  reset(): void;
}

/**
 * Asks DynamoDB for ReturnConsumedCapacity=INDEXES on every call of this client (and the document
 * client made from it) and adds the units up, split into reads and writes; writes both as AWS bills
 * them and as DynamoDB Local reports them. A transaction's items are read before and after on
 * `imageClient` (a separate client, so those reads are not metered). `BENCH_CAPACITY_DETAIL=1`
 * logs each call, `=2` also where each written item's bytes go.
 */
export function meterCapacity(client: DynamoDBClient, imageClient: DynamoDBClient): CapacityMeter {
  const meter: CapacityMeter = {
    read: 0, write: 0, writeLocalReported: 0,
    reset: () => ((meter.read = 0), (meter.write = 0), (meter.writeLocalReported = 0)),
  };
  meterDynamoCalls(client, {
    imageClient: () => imageClient,
    detail: process.env.BENCH_CAPACITY_DETAIL,
    record: (call) => {
      meter.read += call.read;
      meter.write += call.write;
      meter.writeLocalReported += call.writeLocalReported;
    },
  });
  return meter;
}

/**
 * The domain on the runtime's table through a metered client: the deps the HTTP handlers get, the
 * runtime's seeded users as callers, and the meter. `close()` ends both clients.
 */
export function meteredDomain(contract: RuntimeContract) {
  const clients = createDynamoClients({ endpoint: contract.dynamodbEndpoint });
  const images = createDynamoClients({ endpoint: contract.dynamodbEndpoint });
  const meter = meterCapacity(clients.client, images.client);
  const ulid = monotonicFactory();
  const deps: Deps = { store: createStore(clients.document, contract.tableName), now: () => new Date(), newId: () => ulid() };
  const caller = (key: string): Caller => {
    const u = contract.users[key];
    return { orgId: contract.orgId, userId: u.id, email: u.email, role: u.role as Caller['role'], name: key };
  };
  const close = () => {
    clients.client.destroy();
    images.client.destroy();
  };
  return { deps, meter, caller, close };
}

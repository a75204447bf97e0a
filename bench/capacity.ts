import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { meterDynamoCalls } from '../bin/local/capacity/meter';

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

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface CapacityMeter {
  read: number;
  write: number;
  reset(): void;
}

/**
 * Asks DynamoDB for ReturnConsumedCapacity=INDEXES on every call of this client and adds the
 * units up (table plus indexes), split into reads and writes.
 */
export function meterCapacity(client: DynamoDBDocumentClient): CapacityMeter {
  const meter: CapacityMeter = { read: 0, write: 0, reset: () => ((meter.read = 0), (meter.write = 0)) };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      const list = Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : output.ConsumedCapacity ? [output.ConsumedCapacity] : [];
      const units = list.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      const command = context.commandName ?? '';
      if (process.env.BENCH_CAPACITY_DETAIL) console.log(command, JSON.stringify(list));
      if (/Get|Query|Scan/.test(command)) meter.read += units;
      else meter.write += units;
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return meter;
}

interface Capacity {
  CapacityUnits?: number;
}

import { z } from 'zod';

/** One caller's running capacity totals in the local runtime (GET /v1/dev/capacity). */
export const DevCapacityUnits = z
  .object({
    invocations: z.number().int(),
    calls: z.number().int(),
    failedCalls: z.number().int(),
    read: z.number().describe('Read units'),
    write: z.number().describe('Write units as AWS bills them'),
    writeLocalReported: z.number().describe('Write units as DynamoDB Local reports them'),
  })
  .meta({ id: 'DevCapacityUnits' });

export const DevCapacity = z
  .object({
    transactions: z.enum(['images', 'reported']).describe('How a transaction\'s table arm is billed: from the items\' sizes, or as Local reports it (a lower bound)'),
    inFlight: z.number().int().describe('Invocations running now, besides this request'),
    queued: z.number().int().describe('Visible messages waiting in the local queues'),
    retrying: z.number().int().describe('Bus deliveries that failed and wait for their next try (backoff on the runtime clock)'),
    total: DevCapacityUnits,
    labels: z.record(z.string(), DevCapacityUnits).describe('By caller: http:<group>, rule:<name>, queue:<name>, timer:<kind>, ws:<route>, url:<name>, dev:<group>, runtime'),
    commands: z.record(z.string(), DevCapacityUnits).describe('By caller and command: `rule:stats-rollup TransactWriteItemsCommand`'),
  })
  .meta({ id: 'DevCapacity' });
export type DevCapacity = z.infer<typeof DevCapacity>;

export const DevCapacitySettings = z
  .strictObject({ transactionImages: z.boolean() })
  .meta({ id: 'DevCapacitySettings' });
export type DevCapacitySettings = z.infer<typeof DevCapacitySettings>;

import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CapacityTally, type CapacityTotals, meterDynamoCalls } from './meter';

/**
 * The local runtime's capacity meter: every DynamoDB call its handlers, consumers, timers and
 * stand-ins make on the runtime's client, in units as AWS bills them, by who made the call.
 * The local invoker (invoke.ts) names each invocation (`http:tickets`, `rule:sla-planner`,
 * `queue:webhook-deliveries`, `timer:timer-fired`, `ws:subscribe`, `dev:sla-dev`); a call made
 * outside any invocation (seeding, the stand-ins themselves) counts under `runtime`.
 * Read through `GET /v1/dev/capacity`.
 */
const invocation = new AsyncLocalStorage<string>();
const tally = new CapacityTally();
let inFlight = 0;
let transactionImages = false;

/** Runs one invocation under its label; counts it and the invocations running now. */
export async function runLabelled<T>(label: string, fn: () => Promise<T>): Promise<T> {
  tally.invoked(label);
  inFlight += 1;
  try {
    return await invocation.run(label, fn);
  } finally {
    inFlight -= 1;
  }
}

/**
 * Meters the runtime's client. `images` is a second client for a transaction's item images,
 * used only while `setTransactionImages(true)`: two extra reads a transaction item would slow
 * every write of a runtime that only wants the cheap reading.
 */
export function meterLocalRuntime(client: DynamoDBClient, images: DynamoDBClient): void {
  meterDynamoCalls(client, {
    record: (call) => tally.add(invocation.getStore() ?? 'runtime', call),
    imageClient: () => (transactionImages ? images : undefined),
  });
}

export function setTransactionImages(on: boolean): void {
  transactionImages = on;
}

export interface LocalCapacity extends CapacityTotals {
  /** `images`: transactions' table arms billed from the items' sizes; `reported`: Local's (a lower bound). */
  transactions: 'images' | 'reported';
  /** Invocations running now, of any kind. */
  inFlight: number;
}

export function localCapacity(): LocalCapacity {
  return { transactions: transactionImages ? 'images' : 'reported', inFlight, ...tally.totals() };
}

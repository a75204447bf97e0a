import { InvokeStore, type InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';
import { runLabelled } from './capacity/local-capacity';

/**
 * The local runtime runs many invocations of the same functions at once in one process, where
 * Lambda gives each its own container. Powertools keeps its per-invocation state (log keys, the
 * Lambda context on each log line, stored metrics, batch results) in the invoke store when
 * `AWS_LAMBDA_MAX_CONCURRENCY` is set, as on Lambda's multi-concurrency runtimes: so each
 * invocation runs in its own store, and a log line names its own function and request id.
 */
process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '1000';
let store: Promise<InvokeStoreBase> | undefined;

/**
 * Runs one invocation in its own store. The handler is loaded inside it too: its module's first
 * evaluation creates Powertools' logger and metrics, which touch the store. `label` names the
 * caller for the capacity meter (capacity/local-capacity.ts): `http:<group>`, `rule:<name>`, ...
 */
export async function invoke<E, R>(
  load: () => Promise<(event: E, context: Context) => Promise<R>>, event: E, context: Context, label = context.functionName,
): Promise<R> {
  const current = await (store ??= InvokeStore.getInstanceAsync(true));
  const { REQUEST_ID } = (current.constructor as typeof InvokeStoreBase).PROTECTED_KEYS;
  return runLabelled(label, () => current.run({ [REQUEST_ID]: context.awsRequestId }, async () => (await load())(event, context)));
}

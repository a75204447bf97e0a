import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** What CDK gives a function whose manifest entry names no memory size (FUNCTION_SPEC_DEFAULTS in lib/). */
export const DEFAULT_MEMORY_MB = 512;

/** A Lambda context for an in-process invocation, with the function's real timeout and memory size. */
export function lambdaContext(functionName: string, timeoutSeconds: number, memoryMb = DEFAULT_MEMORY_MB): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

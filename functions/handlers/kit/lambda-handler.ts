import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics } from '../../observability';

/**
 * The middleware every trigger kind shares: the Lambda context on every log line (keys reset
 * per invocation) and the stored metrics flushed after it, only when there are some (an empty
 * flush logs a warning per invocation).
 *
 * Middy's early timeout is off: it answered a 500 while the work went on and committed, so a
 * client that retried made a duplicate. Now the work's own result is what the caller gets, and
 * at the function's deadline Lambda stops the work itself.
 */
export function lambdaHandler<E, R>(core: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>(core, { timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics<E, R>());
}

function flushMetrics<E, R>(): MiddlewareObj<E, R> {
  const flush = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
}

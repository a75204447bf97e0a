import { createHash } from 'node:crypto';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { canonicalJson } from '../../domain/canonical-json';
import type { Runtime } from '../../runtime';
import type { ParsedRequest } from './parse-request';
import { IdempotencyRecords } from './idempotency-records';
import { HttpProblem } from './problems';

/** Synthetic headers the idempotency layer hashes: set here, never trusted from a client. */
const SCOPE = 'x-helpdesk-idempotency-scope';
const PAYLOAD = 'x-helpdesk-idempotency-payload';

/**
 * Powertools idempotency on our table for a creating route. The key is scoped to the
 * organization, the user and the route, so two tenants' "key-1" never meet; the payload hash
 * is of the parsed JSON, so whitespace does not count as another body (which is a 422).
 */
export function idempotencyFor(rt: Runtime): MiddlewareObj {
  return makeHandlerIdempotent({
    persistenceStore: new IdempotencyRecords(rt.config.tableName, rt.dynamo),
    config: new IdempotencyConfig({
      eventKeyJmesPath: `headers."${SCOPE}"`,
      payloadValidationJmesPath: `headers."${PAYLOAD}"`,
      expiresAfterSeconds: rt.config.idempotencyTtlSeconds,
    }),
  }) as MiddlewareObj;
}

/** Marks the event for the idempotency layer when the client sent an Idempotency-Key. */
export function scopeIdempotency(event: APIGatewayProxyEventV2, request: ParsedRequest, operationId: string): void {
  const headers = (event.headers ??= {});
  delete headers[SCOPE];
  delete headers[PAYLOAD];
  const key = Object.entries(headers).find(([name]) => name.toLowerCase() === 'idempotency-key')?.[1];
  if (key === undefined) return;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new HttpProblem(400, 'validation', 'Invalid Request', 'Idempotency-Key must be 1-255 visible ASCII characters', {
      errors: [{ parameter: 'Idempotency-Key', detail: 'invalid header value' }],
    });
  }
  const { caller } = request;
  headers[SCOPE] = JSON.stringify([caller.orgId, caller.userId, operationId, event.pathParameters ?? {}, key]);
  headers[PAYLOAD] = createHash('sha256').update(canonicalJson(request.rawBody)).digest('hex');
}

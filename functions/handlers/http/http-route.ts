import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { DomainError } from '../../domain/errors';
import { HTTP_ROUTES, type HttpGroupName, type HttpRoute, type HttpRouteSpec, routeKeyOf } from '../../manifest/http-routes';
import { logger } from '../../observability';
import { idempotencyFor, scopeIdempotency } from './idempotency';
import { type ParsedRequest, parseRequest } from './parse-request';
import { HttpProblem, problemResponse, toProblem } from './problems';

export interface RouteReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is, with the content-type of `headers` (a script, a page), instead of JSON. */
  raw?: string;
}
export type RouteImpl = (request: ParsedRequest<any, any, any>) => Promise<RouteReply>;
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

type GroupRoutes<G extends HttpGroupName> = Extract<HttpRoute, { group: G }>['operationId'];

/**
 * The Lambda handler of one route group: dispatches by `routeKey` to the route's middy stack
 * (logger context, problem responses, request parsing, idempotency where the manifest says).
 * Every route of the group in the manifest must have an implementation.
 */
export function routeGroup<G extends HttpGroupName>(group: G, impls: Record<GroupRoutes<G>, RouteImpl>): Handler {
  const byKey = new Map<string, Handler>();
  for (const spec of HTTP_ROUTES.filter((route) => route.group === group) as HttpRouteSpec[]) {
    byKey.set(routeKeyOf(spec), withCors(spec, routeHandler(spec, impls[spec.operationId as GroupRoutes<G>])));
    if (spec.cors) byKey.set(`OPTIONS ${spec.path}`, async () => preflight());
  }
  return async (event, context) => {
    const handler = byKey.get(event.routeKey);
    if (handler) return handler(event, context);
    return problemResponse({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no route ${event.routeKey}` });
  };
}

function routeHandler(spec: HttpRouteSpec, impl: RouteImpl): Handler {
  const core = async (event: APIGatewayProxyEventV2 & { parsed?: ParsedRequest }): Promise<APIGatewayProxyResultV2> => {
    const reply = await impl(event.parsed!);
    if (reply.raw !== undefined) return { statusCode: reply.status, headers: reply.headers, body: reply.raw };
    return {
      statusCode: reply.status,
      headers: { ...(reply.body !== undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers },
      body: reply.body === undefined ? '' : JSON.stringify(reply.body),
    };
  };
  const stack = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>(core)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemResponses())
    .use(parsing(spec));
  if (spec.idempotent) stack.use(idempotencyFor());
  return stack as unknown as Handler;
}

/**
 * CORS for the routes the manifest opens to every origin, answered by the function itself:
 * the HTTP API has CORS off (API-wide CORS would open every route), so these routes also have
 * an `OPTIONS` route to the same function. Errors carry the header too, so a browser can read
 * a 400 or a 429.
 */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'retry-after,location',
};
function withCors(spec: HttpRouteSpec, handler: Handler): Handler {
  if (!spec.cors) return handler;
  return async (event, context) => {
    const result = await handler(event, context);
    if (typeof result === 'string') return { statusCode: 200, headers: CORS_HEADERS, body: result };
    return { ...result, headers: { ...result.headers, ...CORS_HEADERS } };
  };
}
function preflight(): APIGatewayProxyResultV2 {
  return {
    statusCode: 204,
    headers: {
      ...CORS_HEADERS,
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '3600',
    },
    body: '',
  };
}

function parsing(spec: HttpRouteSpec): MiddlewareObj<APIGatewayProxyEventV2 & { parsed?: ParsedRequest }> {
  return {
    before: (request) => {
      const parsed = parseRequest(spec, request.event);
      request.event.parsed = parsed;
      if (parsed.caller) logger.appendKeys({ orgId: parsed.caller.orgId, userId: parsed.caller.userId });
      logger.appendKeys({ route: spec.operationId });
      if (spec.idempotent) scopeIdempotency(request.event, parsed, spec.operationId);
    },
  };
}

/** Runs last on error: expected errors become their problem at warn, the rest a 500 logged in full. */
function problemResponses(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  return {
    onError: (request) => {
      const problem = toProblem(request.error);
      if (problem.status >= 500 && !(request.error instanceof DomainError)) logger.error('request failed', request.error as Error);
      else if (!(request.error instanceof HttpProblem)) logger.warn('request refused', { problem: problem.type, status: problem.status });
      request.response = problemResponse(problem);
    },
  };
}

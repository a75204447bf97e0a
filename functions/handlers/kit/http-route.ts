import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { DomainError } from '../../domain/errors';
import type { HttpGroupName, HttpRoute } from '../../manifest/http-routes';
import { type HttpRouteSpec, routeKeyOf } from '../../manifest/spec';
import { logger } from '../../observability';
import { type Runtime, runtime } from '../../runtime';
import { idempotencyFor, scopeIdempotency } from './idempotency';
import { lambdaHandler } from './lambda-handler';
import { type ParsedRequest, parseRequest } from './parse-request';
import { HttpProblem, problemResponse, toProblem } from './problems';

export interface RouteReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is, with the content-type of `headers` (a script, a page), instead of JSON. */
  raw?: string;
}

type RouteOf<Op> = Extract<HttpRoute, { operationId: Op }>;
type PartOf<Route, Part extends string> = Route extends { request: { [P in Part]: infer Schema extends z.ZodType } }
  ? z.output<Schema>
  : unknown;
/** The parsed request of a route, typed from its manifest entry's schemas. */
export type RouteRequest<Op> = ParsedRequest<PartOf<RouteOf<Op>, 'body'>, PartOf<RouteOf<Op>, 'query'>, PartOf<RouteOf<Op>, 'params'>>;
export type RouteImpl<Op> = (request: RouteRequest<Op>, runtime: Runtime) => Promise<RouteReply>;

type GroupRoutes<G extends HttpGroupName> = Extract<HttpRoute, { group: G }>['operationId'];
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/**
 * The Lambda handler of one route group: dispatches by `routeKey` to the route's middy stack
 * (logger context, metrics, problem responses, request parsing, idempotency where the manifest
 * says). Every route of the group in the manifest must have an implementation, typed from it.
 *
 * `routes` is the routes list of the feature file that declares the group
 * (`functions/manifest/features/<feature>.ts`), not the gathered manifest: a function then
 * bundles its own feature's routes and schemas, not every feature's.
 */
export function routeGroup<G extends HttpGroupName>(
  group: G,
  routes: readonly Pick<HttpRouteSpec, 'group'>[],
  impls: { [Op in GroupRoutes<G>]: RouteImpl<Op> },
): Handler {
  const specs = (routes as readonly HttpRouteSpec[]).filter((route) => route.group === group);
  if (specs.length === 0) throw new Error(`route group ${group}: the routes given are not its feature's (none is in the group)`);
  let byKey: Map<string, Handler> | undefined;
  return async (event, context) => {
    byKey ??= new Map(specs
      .flatMap((spec) => {
        const handler = withCors(spec, routeHandler(spec, impls[spec.operationId as GroupRoutes<G>] as RouteImpl<unknown>, runtime()));
        const routes: [string, Handler][] = [[routeKeyOf(spec), handler]];
        if (spec.cors) routes.push([`OPTIONS ${spec.path}`, async () => preflight()]);
        return routes;
      }));
    const handler = byKey.get(event.routeKey);
    if (handler) return handler(event, context);
    return problemResponse({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no route ${event.routeKey}` });
  };
}

type ParsedEvent = APIGatewayProxyEventV2 & { parsed?: ParsedRequest };

function routeHandler(spec: HttpRouteSpec, impl: RouteImpl<unknown>, rt: Runtime): Handler {
  const core = async (event: ParsedEvent): Promise<APIGatewayProxyResultV2> => {
    const reply = await impl(event.parsed! as RouteRequest<unknown>, rt);
    // A page (the public survey and unsubscribe links open in a browser) goes out as it is.
    if (typeof reply.body === 'string' && reply.headers?.['content-type']?.startsWith('text/html')) {
      return { statusCode: reply.status, headers: reply.headers, body: reply.body };
    }
    if (reply.raw !== undefined) return { statusCode: reply.status, headers: reply.headers, body: reply.raw };
    return {
      statusCode: reply.status,
      headers: { ...(reply.body !== undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers },
      body: reply.body === undefined ? '' : JSON.stringify(reply.body),
    };
  };
  const stack = lambdaHandler<ParsedEvent, APIGatewayProxyResultV2>(core)
    .use(problemResponses())
    .use(parsing(spec));
  if (spec.idempotent) stack.use(idempotencyFor(rt));
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

function parsing(spec: HttpRouteSpec): MiddlewareObj<ParsedEvent> {
  return {
    before: (request) => {
      logger.appendKeys({ route: spec.operationId });
      const parsed = parseRequest(spec, request.event);
      request.event.parsed = parsed;
      if (parsed.caller) logger.appendKeys({ orgId: parsed.caller.orgId, userId: parsed.caller.userId });
      if (spec.idempotent) scopeIdempotency(request.event, parsed, spec.operationId);
    },
  };
}

/** Runs last on error: expected errors become their problem at warn, the rest a 500 logged in full. */
function problemResponses(): MiddlewareObj<ParsedEvent, APIGatewayProxyResultV2> {
  return {
    onError: (request) => {
      const problem = toProblem(request.error);
      if (problem.status >= 500 && !(request.error instanceof DomainError)) logger.error('request failed', request.error as Error);
      else if (!(request.error instanceof HttpProblem)) logger.warn('request refused', { problem: problem.type, status: problem.status });
      request.response = problemResponse(problem);
    },
  };
}

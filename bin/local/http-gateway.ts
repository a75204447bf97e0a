import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { errors as joseErrors, type JWTPayload } from 'jose';
import { HTTP_GROUPS, HTTP_ROUTES, type HttpGroupName, type HttpRouteSpec, routeKeyOf } from '../../functions/manifest/http-routes';
import type { HttpGroupSpec } from '../../functions/manifest/spec';
import { invoke } from './invoke';
import { FUNCTION_URLS } from '../../functions/manifest/function-urls';
import { functionUrlEvent } from './function-url-event';
import { lambdaContext } from './lambda-context';
import type { LocalTokens } from './local-tokens';

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** API Gateway's own payload limit for HTTP APIs; the handlers enforce the API's 1 MiB. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  spec: HttpRouteSpec;
  pattern: RegExp;
  params: string[];
  literalSegments: number;
}

/**
 * Plays API Gateway's HTTP API: matches the shared manifest, verifies the bearer token as
 * the JWT authorizer would, and invokes the group's handler with a v2 event.
 */
export function startHttpGateway(options: {
  port: number;
  tokens: LocalTokens;
  rootDir: string;
  /**
   * Origins allowed on every route, as the stack's `corsOrigins` (the console's origin): API
   * Gateway then answers their preflights itself and adds the CORS headers to each answer.
   * Read on each request, since the console starts after the gateway.
   */
  corsOrigins?: () => readonly string[];
}): Promise<Server> {
  const routes = compile(HTTP_ROUTES as readonly HttpRouteSpec[]);
  const handlers = new Map<HttpGroupName, Promise<LambdaHandler>>();
  const handlerOf = (group: HttpGroupName) => {
    if (!handlers.has(group)) {
      const entry = path.resolve(options.rootDir, HTTP_GROUPS[group].entry);
      handlers.set(group, import(entry).then((module) => module.handler as LambdaHandler));
    }
    return handlers.get(group)!;
  };

  const urlHandlers = new Map<string, Promise<LambdaHandler>>();
  const urlHandlerOf = (entry: string) => {
    if (!urlHandlers.has(entry)) urlHandlers.set(entry, import(path.resolve(options.rootDir, entry)).then((module) => module.handler as LambdaHandler));
    return urlHandlers.get(entry)!;
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error) => {
      console.error('gateway error', error);
      if (!res.headersSent) send(res, problem(500, 'Internal Server Error', 'the local gateway failed'));
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    // Function URL entry points (Meta's webhooks): no authorizer, the raw body as Lambda delivers it.
    const functionUrl = FUNCTION_URLS.find((spec) => spec.localPath === url.pathname.replace(/\/+$/, ''));
    if (functionUrl) {
      const raw = await readBody(req);
      if (raw === 'too-large') return send(res, problem(413, 'Content Too Large', 'the body exceeds the gateway limit'));
      const result = await invoke(() => urlHandlerOf(functionUrl.entry), functionUrlEvent(req, url, raw) as never,
        lambdaContext(`helpdesk-${functionUrl.name}`, functionUrl.timeoutSeconds), `url:${functionUrl.name}`);
      return send(res, typeof result === 'string' ? { statusCode: 200, body: result } : result);
    }
    // A path parameter is handed to the function percent-decoded; a path that does not decode
    // (`/v1/tickets/%E0%A4%A`) is the client's error, not a gateway failure.
    if (!decodable(url.pathname)) {
      return send(res, problem(400, 'Bad Request', 'the path is not valid percent-encoded UTF-8', {}, 'malformed-path'));
    }
    const candidates = routes.filter((route) => route.pattern.test(url.pathname));
    const origin = req.headers.origin;
    const allowed = origin && options.corsOrigins?.().includes(origin) ? origin : undefined;
    if (allowed && method === 'OPTIONS') return send(res, { statusCode: 204, headers: apiCorsHeaders(allowed) });
    if (allowed) {
      const write = res.writeHead.bind(res);
      res.writeHead = ((status: number, headers?: Record<string, string>) => write(status, { ...apiCorsHeaders(allowed), ...headers })) as never;
    }
    if (method === 'OPTIONS') {
      // As API Gateway with CORS off: a preflight reaches only routes that have an OPTIONS route,
      // which the CDK stack adds for the routes the manifest marks public-CORS.
      const open = candidates.find((candidate) => candidate.spec.cors);
      if (!open) return send(res, problem(404, 'Not Found', `no route for OPTIONS ${url.pathname}`));
      const event = toEvent(req, url, open, Buffer.alloc(0), undefined, 'OPTIONS');
      const group = open.spec.group as HttpGroupName;
      return send(res, asStructured(await (await handlerOf(group))(event, lambdaContext(`helpdesk-${group}`, HTTP_GROUPS[group].timeoutSeconds))));
    }
    const route = candidates.find((candidate) => candidate.spec.method === method);
    if (!route) {
      if (candidates.length) {
        return send(res, problem(405, 'Method Not Allowed', `${method} is not allowed here`, { allow: candidates.map((c) => c.spec.method).join(', ') }));
      }
      return send(res, problem(404, 'Not Found', `no route for ${method} ${url.pathname}`));
    }
    const body = await readBody(req);
    if (body === 'too-large') return send(res, problem(413, 'Content Too Large', `the body exceeds ${GATEWAY_MAX_BYTES} bytes, the gateway's limit`, {}, 'payload-too-large'));
    let claims: JWTPayload | undefined;
    if (route.spec.roles !== 'public') {
      const verdict = await authorise(options.tokens, req.headers.authorization);
      if ('problem' in verdict) return send(res, verdict.problem);
      claims = verdict.claims;
    }
    const event = toEvent(req, url, route, body, claims);
    const group = route.spec.group as HttpGroupName;
    const label = `${(HTTP_GROUPS[group] as HttpGroupSpec).localOnly ? 'dev' : 'http'}:${group}`;
    const result = await invoke(() => handlerOf(group), event, lambdaContext(`helpdesk-${group}`, HTTP_GROUPS[group].timeoutSeconds, HTTP_GROUPS[group].memoryMb), label);
    send(res, asStructured(result));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function compile(specs: readonly HttpRouteSpec[]): CompiledRoute[] {
  return specs
    .map((spec) => {
      const params: string[] = [];
      const segments = spec.path.split('/').filter(Boolean);
      const source = segments
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          params.push(param[1]);
          return '([^/]+)';
        })
        .join('/');
      return { spec, params, pattern: new RegExp(`^/${source}/?$`), literalSegments: segments.filter((s) => !s.startsWith('{')).length };
    })
    .sort((a, b) => b.literalSegments - a.literalSegments);
}

async function authorise(tokens: LocalTokens, header: string | undefined): Promise<{ claims: JWTPayload } | { problem: APIGatewayProxyStructuredResultV2 }> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return { problem: unauthorised('send Authorization: Bearer <token>') };
  try {
    return { claims: await tokens.verify(token) };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { problem: unauthorised('the token has expired') };
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return { problem: unauthorised('the token signature is not valid') };
    if (error instanceof joseErrors.JWTClaimValidationFailed) return { problem: unauthorised(`the token's ${error.claim} claim is not accepted`) };
    return { problem: unauthorised('the token is malformed') };
  }
}

const unauthorised = (detail: string) => problem(401, 'Unauthorized', detail, { 'www-authenticate': 'Bearer' }, 'unauthorized');

/** API Gateway hands claims to Lambda as strings; lists become "[a b]". */
function flattenClaims(claims: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([key, value]) => [key, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
}

const asStructured = (result: APIGatewayProxyResultV2): APIGatewayProxyStructuredResultV2 =>
  typeof result === 'string' ? { statusCode: 200, body: result } : result;

function toEvent(req: IncomingMessage, url: URL, route: CompiledRoute, body: Buffer, claims?: JWTPayload, method: string = route.spec.method): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // What API Gateway adds: the client address and the scheme and port it called.
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
  const routeKey = method === route.spec.method ? routeKeyOf(route.spec) : `${method} ${route.spec.path}`;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const match = route.pattern.exec(url.pathname)!;
  const pathParameters = Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  const contentType = headers['content-type'] ?? '';
  const textual = !contentType || /json|text|xml|form-urlencoded/i.test(contentType);
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: route.params.length ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims: flattenClaims(claims), scopes: null } } } : {}),
    },
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
  } as APIGatewayProxyEventV2;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_MAX_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}, code?: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify({ type: code ? `https://helpdesk.dev/problems/${code}` : 'about:blank', title, status, detail }),
  };
}

/** The headers API Gateway adds for an allowed origin of the API's CORS configuration. */
const apiCorsHeaders = (origin: string): Record<string, string> => ({
  'access-control-allow-origin': origin,
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, if-match, idempotency-key',
  'access-control-expose-headers': 'etag, location, retry-after',
  'access-control-max-age': '600',
  vary: 'origin',
});

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  res.end(body);
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Caller } from '../../domain/caller';
import type { HttpRouteSpec } from '../../manifest/http-routes';
import { callerFromClaims } from './caller-from-claims';
import { HttpProblem } from './problems';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ParsedRequest<Body = unknown, Query = unknown, Params = unknown> {
  caller: Caller;
  body: Body;
  query: Query;
  params: Params;
  /** The version If-Match names; undefined when absent or `*`. */
  ifMatchVersion?: number;
  /** The JSON body as sent, before defaults: what an Idempotency-Key is bound to. */
  rawBody?: unknown;
  event: APIGatewayProxyEventV2;
}

/**
 * Turns an API Gateway event into a typed request for one route, or a precise problem:
 * 401/403 (token, role), 415 (not JSON), 413 (over 1 MiB), 400 (bad JSON or fields, with
 * pointers), 428/412 (If-Match).
 */
export function parseRequest(spec: HttpRouteSpec, event: APIGatewayProxyEventV2): ParsedRequest {
  const caller = spec.roles === 'public' ? (undefined as unknown as Caller) : callerFromClaims(event);
  if (spec.roles !== 'public' && !spec.roles.includes(caller.role)) {
    throw new HttpProblem(403, 'forbidden', 'Forbidden', forbiddenDetail(spec, caller.role));
  }
  const params = validate(spec.request?.params, pathParametersOf(event), 'parameter');
  const query = validate(spec.request?.query, event.queryStringParameters ?? {}, 'parameter');
  let rawBody: unknown;
  let body: unknown;
  if (spec.request?.body) {
    rawBody = readJsonBody(event);
    body = validate(spec.request.body, rawBody, 'pointer');
  }
  return { caller, params, query, body, rawBody, ifMatchVersion: ifMatchOf(spec, event), event };
}

/**
 * The path parameters as the client meant them. API Gateway may hand a parameter on as the client
 * sent it, percent-escapes and all (`sales%2Bdesk%40x.io` for an address); no parameter of ours
 * holds a literal `%`, so one with a valid escape is decoded once. A malformed escape stays as it
 * is, for validation to refuse by name.
 */
function pathParametersOf(event: APIGatewayProxyEventV2): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(event.pathParameters ?? {}).map(([name, value]) => {
    if (value === undefined || !/%[0-9A-Fa-f]{2}/.test(value)) return [name, value];
    try {
      return [name, decodeURIComponent(value)];
    } catch {
      return [name, value];
    }
  }));
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  const contentType = headerOf(event, 'content-type') ?? '';
  const text = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new HttpProblem(413, 'payload-too-large', 'Content Too Large', `the body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported Media Type', 'send the body as application/json');
  }
  if (!text.trim()) throw new HttpProblem(400, 'malformed-json', 'Malformed JSON', 'the request body is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpProblem(400, 'malformed-json', 'Malformed JSON', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

function validate(schema: z.ZodType | undefined, input: unknown, kind: 'pointer' | 'parameter'): unknown {
  if (!schema) return input;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return keys.map((path) => {
      const detail = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
      return kind === 'pointer'
        ? { pointer: `#/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`, detail }
        : { parameter: path.map(String).join('.'), detail };
    });
  });
  const where = kind === 'pointer' ? 'body' : 'parameters';
  throw new HttpProblem(400, 'validation', 'Invalid Request', `the request ${where} failed validation`, { errors });
}

function ifMatchOf(spec: HttpRouteSpec, event: APIGatewayProxyEventV2): number | undefined {
  const header = headerOf(event, 'if-match');
  if (header === undefined || header.trim() === '') {
    if (spec.ifMatch === 'required') {
      throw new HttpProblem(428, 'precondition-required', 'Precondition Required', 'send If-Match with the ETag you last read');
    }
    return undefined;
  }
  if (!spec.ifMatch || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match) throw new HttpProblem(412, 'version-conflict', 'Precondition Failed', 'If-Match names no version of this ticket');
  return Number(match[1]);
}

export function headerOf(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  return headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** A 403 as a sentence: who may call the route, and what the token is. */
export function forbiddenDetail(spec: Pick<HttpRouteSpec, 'method' | 'path' | 'roles'>, role: string): string {
  const roles = spec.roles === 'public' ? [] : [...spec.roles];
  const who = roles.length === 1 ? `the ${roles[0]} role` : `the ${roles.slice(0, -1).join(', ')} and ${roles.at(-1)} roles`;
  return `${spec.method} ${spec.path} is open to ${who} only; this token has the ${role} role.`;
}

import { z } from 'zod';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FUNCTION_URLS } from '../../functions/manifest/function-urls';
import { HTTP_ROUTES } from '../../functions/manifest/http-routes';
import type { HttpRouteSpec } from '../../functions/manifest/spec';
import type { Role } from '../../schemas/roles';
import { eventually } from '../support/eventually';
import { allPages, api, newTicket } from '../support/http-client';

/**
 * Every HTTP route of the manifest, swept with bad input generated from its own schemas: garbage
 * path parameters, malformed and mistyped bodies, wrong content types, oversized bodies, bad
 * queries, missing tokens and the wrong role. The house rule it holds: a 4xx problem document
 * (`application/problem+json`, `status` equal to the HTTP status, a `type`), never a 5xx, and
 * nothing stored changes (checked at the end against snapshots taken before).
 *
 * The expected status comes from the route's zod schema where it can (a body the schema refuses is
 * a 400 naming the field); a case the schema would accept is not bad input and is not sent (it
 * could write), except on GET routes, where it must still not be a 5xx.
 *
 * Beside the generated cases, hand-picked ones reach past the schemas: another organization's or
 * customer's ticket, bad If-Match and Idempotency-Key headers on otherwise valid requests, valid
 * shapes naming nothing (or the ticket itself), well-typed query values out of range, Meta's
 * webhook URLs and the MCP transport. Each 5xx they found is fixed where it arose; see the
 * comments marked "was a 500".
 */
const runtime = inject('runtime');
const admin = api(runtime.tokens.admin);
const SLUG = (runtime as { orgSlug?: string }).orgSlug ?? 'demo';

type Route = HttpRouteSpec;
const ROUTES = HTTP_ROUTES as readonly Route[];

/**
 * Routes not swept, and why. Everything else in the manifest is.
 * - localOnly: the local runtime's developer tools (clock, outbox, schedules, capacity), never
 *   deployed; they are tested in the dev-routes files.
 * - the OpenAPI document and the embed script: static, no input at all.
 * - /track/{token}: an HTML page that renders for any token (the script it loads asks the API,
 *   whose tracking route is swept); its garbage tokens are still checked never to be a 5xx.
 * - /v1/mcp: the MCP Streamable HTTP transport, which answers bad input with JSON-RPC errors as
 *   the MCP specification says (not problem documents); swept by its own block below.
 */
const STATIC = new Set(['getOpenApi', 'getEmbedScript']);
const PAGES = new Set(['getTrackingPage']);
const isMcp = (route: Route) => route.path === '/v1/mcp';
const swept = ROUTES.filter((route) => !route.localOnly && !STATIC.has(route.operationId) && !isMcp(route));

/** The most privileged token that may call the route (none for public routes). */
function tokenFor(route: Route): string | undefined {
  if (route.roles === 'public') return undefined;
  if (route.roles.includes('admin')) return runtime.tokens.admin;
  if (route.roles.includes('customer')) return runtime.tokens.customer;
  return runtime.tokens[route.roles[0] as 'supervisor' | 'agent'];
}
/** A role that may not call the route, if any. */
function outsider(route: Route): { role: Role; token: string } | undefined {
  if (route.roles === 'public') return undefined;
  const roles = route.roles;
  const role = (['customer', 'agent', 'supervisor'] as const).find((r) => !roles.includes(r));
  return role && { role, token: runtime.tokens[role] };
}

// ---- JSON Schema views of the zod schemas ----------------------------------------------------

type Json = Record<string, any>;
function jsonSchemaOf(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
}
function deref(root: Json, node: Json): Json {
  let current = node;
  while (current?.$ref) current = root.$defs?.[String(current.$ref).replace('#/$defs/', '')] ?? {};
  return current ?? {};
}
/** The declared properties of an object schema (or of each member of a union of objects). */
function propertiesOf(root: Json, node: Json = root): [string, Json][] {
  const resolved = deref(root, node);
  const found = new Map<string, Json>();
  for (const [name, prop] of Object.entries(resolved.properties ?? {})) found.set(name, deref(root, prop as Json));
  for (const member of [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.allOf ?? [])]) {
    for (const [name, prop] of propertiesOf(root, member)) if (!found.has(name)) found.set(name, prop);
  }
  return [...found];
}
function requiredOf(root: Json): string[] {
  return deref(root, root).required ?? [];
}
/** A value of the wrong type for a property: an object where a scalar or list goes, a number where an object goes. */
function wrongValueFor(prop: Json): unknown {
  return prop.type === 'object' ? 12345 : { sweep: [true] };
}

// ---- valid stand-ins for path parameters and required query parameters ------------------------

/** Well-formed values that name nothing (or, for the ticket, the ticket created for the sweep). */
const PARAM_DEFAULTS: Record<string, string> = {
  ticketId: '{ticket}',
  otherTicketId: 'sweep-missing-ticket',
  number: 'TKT-2026-999999',
  userId: 'sweep-missing-user',
  address: 'sweep-missing@example.com',
  slug: SLUG,
  token: 'sweep-missing-token',
};
const paramDefault = (name: string) => PARAM_DEFAULTS[name] ?? 'sweep-missing-0000';
/** What the schemas see for a parameter's default (the ticket's real id is only known at run time). */
const decodedDefault = (name: string) => (paramDefault(name) === '{ticket}' ? 'sweep-ticket-id' : paramDefault(name));
const paramNames = (route: Route) => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

function queryDefault(name: string, prop: Json): string {
  const byName: Record<string, string> = { from: '2026-01-01', to: '2026-01-31', q: 'sweep', token: 'sweep-missing-token-0000' };
  if (byName[name]) return byName[name];
  if (prop.enum) return String(prop.enum[0]);
  if (prop.format === 'date') return '2026-01-01';
  if (prop.format === 'date-time') return '2026-01-01T00:00:00Z';
  if (prop.type === 'integer' || prop.type === 'number') return String(prop.minimum ?? 1);
  return 'sweep';
}

/** Garbage path parameter values: as they go in the URL, and as the handler sees them decoded. */
const GARBAGE_PARAMS: { label: string; raw: string; decoded?: string }[] = [
  { label: 'zzz', raw: 'zzz', decoded: 'zzz' },
  { label: 'a 2,000-char id', raw: 'a'.repeat(2000), decoded: 'a'.repeat(2000) },
  { label: '%00', raw: '%00', decoded: '\0' },
  { label: 'unicode', raw: encodeURIComponent('ünïcødé-☃'), decoded: 'ünïcødé-☃' },
  { label: '..%2F..%2Fetc', raw: '..%2F..%2Fetc', decoded: '../../etc' },
  // Not percent-decodable: a malformed request like any other (was a 500: the local gateway's decodeURIComponent threw).
  { label: 'broken percent-encoding %E0%A4%A', raw: '%E0%A4%A' },
];

// ---- the cases ------------------------------------------------------------------------------

interface Case {
  name: string;
  method: string;
  /** `{ticket}` is replaced by the sweep's ticket id once it exists. */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  token?: string;
  /** The statuses accepted; `ok-or-4xx`: a GET with input its schema accepts: anything but a 5xx. */
  expect: number[] | 'ok-or-4xx';
  /** JSON pointers the 400's `errors[]` must name. */
  pointers?: string[];
}

function pathOf(route: Route, params: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
}
const encodedDefaults = (route: Route) =>
  Object.fromEntries(paramNames(route).map((name) => [name, paramDefault(name) === '{ticket}' ? '{ticket}' : encodeURIComponent(paramDefault(name))]));
const accepts = (schema: z.ZodType | undefined, value: unknown) => !schema || schema.safeParse(value).success;

function casesOf(route: Route): Case[] {
  const cases: Case[] = [];
  const label = `${route.method} ${route.path}`;
  const token = tokenFor(route);
  const base = { method: route.method, token };
  const validPath = pathOf(route, encodedDefaults(route));
  const ifMatch: Record<string, string> = route.ifMatch === 'required' ? { 'if-match': '"1"' } : {};
  const bodySchema = route.request?.body;
  const querySchema = route.request?.query;
  const json = { 'content-type': 'application/json', ...ifMatch };
  const queryProps = querySchema ? propertiesOf(jsonSchemaOf(querySchema)) : [];
  const queryRequired = querySchema ? requiredOf(jsonSchemaOf(querySchema)) : [];
  const requiredQuery = Object.fromEntries(queryProps.filter(([name]) => queryRequired.includes(name)).map(([name, prop]) => [name, queryDefault(name, prop)]));
  const withQuery = (path: string, query: Record<string, string>) => {
    const search = new URLSearchParams(query).toString();
    return search ? `${path}?${search}` : path;
  };

  // Auth: no token → 401; a role the route does not list → 403.
  if (route.roles !== 'public') {
    cases.push({ ...base, token: undefined, name: `${label}: no token → 401`, path: validPath, expect: [401] });
    const other = outsider(route);
    if (other) cases.push({ ...base, token: other.token, name: `${label}: a ${other.role} token → 403`, path: validPath, expect: [403] });
  }

  // Path parameters: garbage is a 400 when the schema refuses it, else a 404 (it names nothing).
  for (const name of paramNames(route)) {
    for (const garbage of GARBAGE_PARAMS) {
      const params = { ...encodedDefaults(route), [name]: garbage.raw };
      let expected: number[];
      if (garbage.decoded === undefined) expected = [400];
      else {
        const decoded = Object.fromEntries(paramNames(route).map((p) => [p, p === name ? garbage.decoded : decodedDefault(p)]));
        const paramsOk = accepts(route.request?.params, decoded);
        const bodyOk = accepts(bodySchema, {});
        expected = !paramsOk || !bodyOk ? [400] : [404];
        // Unwatching is idempotent and checks no directory entry (a departed agent must be removable):
        // a well-formed user who does not watch the ticket is a 200 that changes nothing.
        if (route.operationId === 'removeWatcher' && name === 'userId' && paramsOk) expected = [200];
      }
      const paramCase = (token: string | undefined, who: string) => cases.push({
        ...base, token, name: `${label}: ${name} ${garbage.label}${who} → ${PAGES.has(route.operationId) ? 'no 5xx (a page)' : expected.join('/')}`,
        path: withQuery(pathOf(route, params), requiredQuery),
        ...(bodySchema ? { body: '{}', headers: json } : { headers: ifMatch }),
        expect: expected,
      });
      paramCase(token, '');
      // Customers' lookups take other paths in the domain (their own tickets only): swept too.
      if (route.roles !== 'public' && route.roles.includes('customer') && token !== runtime.tokens.customer) paramCase(runtime.tokens.customer, ' (customer)');
    }
  }

  // Bodies.
  if (bodySchema) {
    const path = withQuery(validPath, requiredQuery);
    const bodyCase = (what: string, body: string, headers: Record<string, string>, expect: number[], pointers?: string[]) =>
      cases.push({ ...base, name: `${label}: ${what} → ${expect.join('/')}`, path, body, headers, expect, pointers });
    bodyCase('malformed JSON', '{"subject": "x",', json, [400]);
    bodyCase('an empty body', '', json, [400]);
    for (const [what, value] of [['null', null], ['[]', []], ['a string', 'sweep'], ['a number', 42], ['{}', {}]] as const) {
      // `{}` is a valid request for some routes (an all-optional patch): not bad input there.
      if (!accepts(bodySchema, value)) bodyCase(`body ${what}`, JSON.stringify(value), json, [400]);
    }
    const root = jsonSchemaOf(bodySchema);
    for (const [field, prop] of propertiesOf(root)) {
      const body = { [field]: wrongValueFor(prop) };
      const result = bodySchema.safeParse(body);
      if (result.success) continue; // e.g. a free-form field (`any`): nothing is the wrong type
      const namesField = result.error.issues.some((issue) => issue.path[0] === field || (issue.code === 'unrecognized_keys' && issue.keys.includes(field)));
      bodyCase(`field ${field} of the wrong type`, JSON.stringify(body), json, [400], namesField ? [`#/${field}`] : undefined);
    }
    // Nested far past any stack (a recursive reader of it would overflow): refused by the schema's first look.
    const first = propertiesOf(root)[0]?.[0] ?? 'sweep';
    const deep = `{${JSON.stringify(first)}:${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    if (!accepts(bodySchema, JSON.parse(deep))) bodyCase(`field ${first} nested 100,000 deep`, deep, json, [400]);
    const unknown = { sweepUnknownField: 'x' };
    if (!accepts(bodySchema, unknown)) bodyCase('an unknown field', JSON.stringify(unknown), json, [400]);
    bodyCase('a 1.1 MB body', JSON.stringify({ description: 'x'.repeat(1_100_000) }), json, [413]);
    bodyCase('a form-encoded body', 'subject=x', { 'content-type': 'application/x-www-form-urlencoded', ...ifMatch }, [415]);
    bodyCase('text/plain JSON', '{}', { 'content-type': 'text/plain', ...ifMatch }, [415]);
    bodyCase('no content type', '{}', { ...ifMatch }, [415]);
  }

  // Queries: wrong types, unknown enum values, negative and huge numbers, garbage cursors, unknown parameters.
  if (querySchema) {
    const queryCase = (what: string, query: Record<string, string>, forced?: number[]) => {
      const decodedOk = accepts(querySchema, query);
      const expect: Case['expect'] = forced ?? (!decodedOk ? [400] : route.method === 'GET' ? 'ok-or-4xx' : [400]);
      if (expect !== 'ok-or-4xx' && !forced && decodedOk) return;
      cases.push({
        ...base, name: `${label}: query ${what} → ${expect === 'ok-or-4xx' ? 'no 5xx' : expect.join('/')}`,
        path: withQuery(validPath, query), ...(bodySchema ? { body: '{}', headers: json } : { headers: ifMatch }), expect,
      });
    };
    for (const [name, prop] of queryProps) {
      const others = { ...requiredQuery };
      if (name === 'cursor') {
        // Under a parent that does not exist (a webhook's deliveries), the 404 comes first.
        const refused = paramNames(route).some((p) => p !== 'ticketId') ? [400, 404] : [400];
        queryCase('cursor garbage', { ...others, cursor: 'garbage' }, refused);
        queryCase('cursor of another shape', { ...others, cursor: 'eyJmIjoiZm9vIn0' }, refused);
        queryCase('cursor %%%', { ...others, cursor: '%%%' }, refused);
        continue;
      }
      if (prop.type === 'integer' || prop.type === 'number') {
        queryCase(`${name}=abc`, { ...others, [name]: 'abc' });
        queryCase(`${name}=-1`, { ...others, [name]: '-1' });
        queryCase(`${name}=99999999999`, { ...others, [name]: '99999999999' });
        queryCase(`${name}=1.5`, { ...others, [name]: '1.5' });
      } else if (prop.enum) {
        queryCase(`${name} not one of its values`, { ...others, [name]: 'zzz_not_a_value' });
      } else {
        queryCase(`${name} garbage`, { ...others, [name]: '\0<zz>' });
        queryCase(`${name} 5,000 chars`, { ...others, [name]: 'z'.repeat(5000) });
      }
    }
    queryCase('an unknown parameter', { ...requiredQuery, sweepUnknown: '1' });
  }
  return cases;
}

// ---- sending and checking -----------------------------------------------------------------

let ticketId = '';
let foreignTicketId = '';
async function send(c: Case) {
  const path = c.path.replace(/\{ticket\}/g, ticketId).replace(/\{foreign\}/g, foreignTicketId);
  const res = await fetch(`${runtime.httpUrl}${path}`, {
    method: c.method,
    headers: { ...(c.token ? { authorization: `Bearer ${c.token}` } : {}), ...c.headers },
    body: c.body?.replace(/\{ticket\}/g, ticketId).replace(/\{foreign\}/g, foreignTicketId),
  });
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body };
}

function check(c: Case, res: Awaited<ReturnType<typeof send>>, page: boolean) {
  const where = `${c.method} ${c.path.slice(0, 200)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}`;
  expect(res.status, where).toBeLessThan(500);
  if (page) return; // an HTML page: no problem document to check
  if (c.expect === 'ok-or-4xx') {
    if (res.status < 400) return;
  } else {
    expect(c.expect, where).toContain(res.status);
    if (res.status < 400) return; // a documented 2xx (see where the case is made)
  }
  expect(res.contentType, where).toBe('application/problem+json');
  expect(res.body.status, where).toBe(res.status);
  expect(res.body.type, where).toMatch(/^https:\/\/|^about:blank$/);
  if (c.pointers && res.status === 400) {
    const pointers = (res.body.errors ?? []).map((e: { pointer: string }) => e.pointer);
    // The field itself, or a part of it (`#/calendar/timezone` when an object is half right).
    for (const pointer of c.pointers) expect(pointers.some((p: string) => p === pointer || p.startsWith(`${pointer}/`)), where).toBe(true);
  }
}

// ---- what must not change -----------------------------------------------------------------

/**
 * Lists read before and after: every GET of the manifest without path parameters whose query
 * may be empty, as admin, minus the ones that move on their own (the clock, other files' late
 * effects): the ticket list is compared by ids, the stats need a range.
 */
const VOLATILE = new Set(['listTickets', 'listUpcomingBreaches', 'getOpenApi', 'getDeflections', 'listSettingsChanges']);
const snapshotRoutes = ROUTES.filter((route) =>
  route.method === 'GET' && !route.localOnly && !route.path.includes('{') && !isMcp(route) && !VOLATILE.has(route.operationId)
  && route.roles !== 'public' && route.roles.includes('admin') && accepts(route.request?.query, {}));

async function snapshot() {
  const lists: Record<string, unknown> = {};
  for (const route of snapshotRoutes) {
    const res = await admin.get(route.path);
    lists[route.path] = res.status === 200 ? res.body : res.status;
  }
  const tickets = (await allPages<{ id: string }>(admin, '/v1/tickets')).map((t) => t.id).sort();
  const ticket = (await admin.get(`/v1/tickets/${ticketId}`)).body;
  return { lists, tickets, ticket };
}

describe('route sweep: every route answers bad input with a 4xx problem and changes nothing', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    ticketId = (await admin.post('/v1/tickets', newTicket({ subject: 'Target of the route sweep' }))).body.id;
    foreignTicketId = (await api(runtime.otherOrg.tokens.admin).post('/v1/tickets', newTicket({ subject: 'Another organization\'s ticket' }))).body.id;
    // The assistant stores its suggestion on a new ticket shortly after: snapshot once it has.
    await eventually(async () => {
      expect((await admin.get(`/v1/tickets/${ticketId}`)).body.assist).toBeDefined();
    }, 120_000);
    before = await snapshot();
  }, 180_000);

  for (const route of swept) {
    const cases = casesOf(route);
    describe(`${route.method} ${route.path}`, () => {
      for (const c of cases) {
        it(c.name, async () => {
          check(c, await send(c), PAGES.has(route.operationId));
        });
      }
    });
  }

  describe('another organization\'s (or customer\'s) ticket is a 404 on every ticket route', () => {
    // Not by number: numbers are per organization, so another one's TKT-2026-000001 is also ours.
    for (const route of swept.filter((r) => paramNames(r).includes('ticketId'))) {
      const bodyOk = accepts(route.request?.body, {});
      if (!bodyOk) continue; // the body's 400 would come first; its routes are covered above with the sweep's own ticket
      const params = { ...encodedDefaults(route), ticketId: '{foreign}' };
      const c: Case = {
        name: `${route.method} ${route.path}: another organization's ticket → 404`, method: route.method, token: tokenFor(route),
        path: pathOf(route, params), expect: [404],
        ...(route.request?.body ? { body: '{}' } : {}),
        headers: { ...(route.request?.body ? { 'content-type': 'application/json' } : {}), ...(route.ifMatch === 'required' ? { 'if-match': '"1"' } : {}) },
      };
      it(c.name, async () => check(c, await send(c), false));
      if (route.roles !== 'public' && route.roles.includes('customer')) {
        // The sweep's ticket is the seeded customer's; the second customer of the same organization sees none of it.
        const other: Case = { ...c, name: `${route.method} ${route.path}: another customer's ticket → 404`, token: runtime.tokens.customer2, path: pathOf(route, encodedDefaults(route)) };
        it(other.name, async () => check(other, await send(other), false));
      }
    }
  });

  /**
   * Headers refused before any write, sent with bodies that are otherwise valid: if the refusal
   * came after the write, the snapshot comparison at the end would catch the ticket or message.
   */
  describe('bad If-Match and Idempotency-Key headers on valid requests', () => {
    const json = { 'content-type': 'application/json' };
    const ifMatches = [['"abc"', 'not a version'], ['"1", "2"', 'a list'], [`"${'9'.repeat(2000)}"`, '2,000 digits'], ['W/"99999999999999999999"', 'a version past 15 digits']];
    for (const [value, what] of ifMatches) {
      const c: Case = { name: `PATCH /v1/tickets/{ticketId}: If-Match ${what} → 412`, method: 'PATCH', token: runtime.tokens.admin, path: '/v1/tickets/{ticket}', body: JSON.stringify({ priority: 'low' }), headers: { ...json, 'if-match': value }, expect: [412] };
      it(c.name, async () => check(c, await send(c), false));
    }
    const keys = [['k'.repeat(300), '300 characters'], ['with space', 'with a space'], ['', 'empty'], ['\u00fcn\u00efc\u00f8d\u00e9'.normalize(), 'latin-1 characters']];
    for (const [key, what] of keys) {
      for (const [label, path, body] of [
        ['POST /v1/tickets', '/v1/tickets', newTicket({ subject: 'Must never be created by the route sweep' })],
        ['POST /v1/tickets/{ticketId}/messages', '/v1/tickets/{ticket}/messages', { body: 'Must never be added by the route sweep', internal: true }],
      ] as const) {
        const c: Case = { name: `${label}: Idempotency-Key ${what} → 400`, method: 'POST', token: runtime.tokens.admin, path, body: JSON.stringify(body), headers: { ...json, 'idempotency-key': key }, expect: [400] };
        it(c.name, async () => check(c, await send(c), false));
      }
    }
  });

  /**
   * Well-formed requests whose references name nothing, another organization's ticket, or the
   * ticket itself: the domain must refuse them with a 4xx before writing (a write would show in
   * the snapshot comparison at the end). `If-Match: *` so that a version check cannot answer first.
   */
  describe('valid shapes naming nothing, another organization or the ticket itself', () => {
    const json = { 'content-type': 'application/json' };
    const missing = 'sweep-missing-0000';
    const refs: [string, string, string, unknown, Record<string, string>?, string?][] = [
      ['PATCH', '/v1/tickets/{ticket}', 'an assignee who does not exist', { assigneeId: missing }, { 'if-match': '*' }],
      ['PATCH', '/v1/tickets/{ticket}', 'a department that does not exist', { departmentId: missing }, { 'if-match': '*' }],
      ['PATCH', '/v1/tickets/{ticket}', 'a custom status that does not exist', { customStatusId: missing }, { 'if-match': '*' }],
      ['PATCH', '/v1/tickets/{ticket}', 'a custom field that is not defined', { customFields: { sweepNoSuchField: 'x' } }, { 'if-match': '*' }],
      ['PATCH', '/v1/tickets/{ticket}', 'resolved without a resolution', { status: 'resolved' }, { 'if-match': '*' }],
      ['POST', '/v1/tickets/{ticket}/escalation', 'to a department that does not exist', { departmentId: missing, reason: 'sweep' }],
      ['POST', '/v1/tickets/{ticket}/escalation', 'to an agent who does not exist', { assigneeId: missing, reason: 'sweep' }],
      ['POST', '/v1/tickets/{ticket}/messages', 'a canned reply that does not exist', { cannedReplyId: missing }],
      ['POST', '/v1/tickets/{ticket}/messages', 'an attachment that does not exist', { body: 'sweep', attachmentIds: [missing] }],
      ['POST', '/v1/tickets/{ticket}/merge', 'into itself', { targetTicketId: '{ticket}' }],
      ['POST', '/v1/tickets/{ticket}/merge', 'into a ticket that does not exist', { targetTicketId: missing }],
      ['POST', '/v1/tickets/{ticket}/merge', 'into another organization\'s ticket', { targetTicketId: '{foreign}' }],
      ['POST', '/v1/tickets/{ticket}/split', 'a message that does not exist', { messageIds: [missing] }],
      ['POST', '/v1/tickets/{ticket}/links/{ticket}', 'to itself', { kind: 'related' }],
      ['POST', '/v1/tickets/{ticket}/links/{foreign}', 'to another organization\'s ticket', { kind: 'related' }],
      ['POST', `/v1/tickets/{ticket}/links/${missing}`, 'to a ticket that does not exist', { kind: 'duplicate' }],
      // As its requester (the seeded customer): staff may not rate at all, a 403 that would come first.
      ['POST', '/v1/tickets/{ticket}/rating', 'of a ticket not yet resolved', { score: 5 }, {}, runtime.tokens.customer],
      ['POST', '/v1/tickets', 'with a department that does not exist', newTicket({ subject: 'Must never be created by the route sweep', departmentId: missing })],
      // Staff-only fields from a customer: refused, never silently applied.
      ['POST', '/v1/tickets/{ticket}/messages', 'an internal note by a customer', { body: 'Must never be added by the route sweep', internal: true }, {}, runtime.tokens.customer],
      ['POST', '/v1/tickets/{ticket}/messages', 'a status change by a customer', { body: 'Must never be added by the route sweep', status: 'closed' }, {}, runtime.tokens.customer],
      ['POST', '/v1/tickets/{ticket}/messages', 'a canned reply by a customer', { cannedReplyId: missing }, {}, runtime.tokens.customer],
      ['POST', '/v1/tickets', 'a department chosen by a customer', newTicket({ subject: 'Must never be created by the route sweep', departmentId: missing }), {}, runtime.tokens.customer],
      ['POST', '/v1/tickets', 'an assignee chosen by a customer', newTicket({ subject: 'Must never be created by the route sweep', assigneeId: missing }), {}, runtime.tokens.customer],
      // was a 500: the article item past DynamoDB's 400 KB
      ['POST', '/v1/kb/articles', 'whose HTML would not fit its item (\'<\' escapes to &lt;)', { title: 'Must never be stored by the route sweep', body: '<'.repeat(100_000) }],
      ['POST', '/v1/tickets', 'with an assignee who does not exist', newTicket({ subject: 'Must never be created by the route sweep', assigneeId: missing })],
    ];
    for (const [method, path, what, body, headers, token] of refs) {
      const c: Case = {
        name: `${method} ${path.replace(/\{ticket\}/, '{ticketId}')}: ${what} → 4xx`, method, token: token ?? runtime.tokens.admin, path,
        body: JSON.stringify(body), headers: { ...json, ...headers }, expect: what.includes('by a customer') ? [400, 403, 404, 409, 412, 422] : [400, 404, 409, 412, 422],
      };
      it(c.name, async () => check(c, await send(c), false));
    }
  });

  /**
   * Query values of the right type whose meaning is out of range: the schemas' types allow them,
   * so the generated cases above do not reach them. Each was a 500 or is a neighbour of one.
   */
  describe('edge values of well-typed queries', () => {
    const edges: [string, number][] = [
      ['/v1/stats/overview?from=0000-01-01&to=0000-01-02', 400], // was a 500: the calendar maths reads years 0-99 as 19xx
      ['/v1/stats/overview?from=9999-12-30&to=9999-12-31', 400],
      ['/v1/stats/overview?from=2026-02-30&to=2026-03-01', 400],
      ['/v1/stats/overview?from=2026-03-01&to=2026-02-01', 400],
      ['/v1/stats/overview?from=2026-01-01&to=2026-01-02&tz=Mars%2FPhobos', 400],
      ['/v1/stats/timeseries?from=2026-01-01&to=2026-12-31&metric=created&interval=hour', 400],
      ['/v1/kb/deflections?from=2026-12-31&to=2020-01-01', 400], // was a 500: DynamoDB refuses a reversed BETWEEN
      ['/v1/kb/deflections?from=2999-01-01', 200], // after today: a range with no day in it
      ['/v1/tickets?createdFrom=2026-01-01&createdTo=2020-01-01', 400],
      ['/v1/tickets?updatedFrom=%2B275760-09-13T00%3A00%3A00Z', 400],
      [`/v1/tickets?limit=100&cursor=${'A'.repeat(2048)}`, 400],
      ['/v1/kb/search?q=%20%20', 400],
      ['/v1/sla/upcoming-breaches?before=1970-01-01T00%3A00%3A00Z', 200],
    ];
    for (const [path, status] of edges) {
      const c: Case = { name: `GET ${path.slice(0, 120)} → ${status}`, method: 'GET', token: runtime.tokens.admin, path, expect: [status] };
      it(c.name, async () => check(c, await send(c), false));
    }
  });

  /**
   * Meta's webhooks (Function URLs, not API routes: FUNCTION_URLS). Their contract (README,
   * meta-webhook.ts): the GET handshake answers a bare `Forbidden` (text/plain, as Meta expects) for
   * a wrong token; a POST is 401 unsigned or forged, 400 when it is no Meta body, both problems,
   * nothing stored. A signed-looking body naming no channel is a documented 200 that records it, so
   * none is sent here (it would write).
   */
  describe('Meta webhooks: 401/400 problems or the bare 403 of the handshake, never a 5xx', () => {
    const shaped = `sha256=${'0'.repeat(64)}`;
    const wa = (id: string) => JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: id }, messages: [{ from: '15550001', id: 'wamid.sweep', timestamp: '1', type: 'text', text: { body: 'x' } }] } }] }] });
    const ig = (id: string) => JSON.stringify({ object: 'instagram', entry: [{ id, time: 1, messaging: [{ sender: { id: '1' }, recipient: { id }, timestamp: 1, message: { mid: 'sweep', text: 'x' } }] }] });
    for (const spec of FUNCTION_URLS) {
      const kind = spec.localPath.split('/').pop()!;
      const post = (what: string, body: string, signature: string | undefined, status: number): Case => ({
        name: `POST ${spec.localPath}: ${what} → ${status}`, method: 'POST', path: spec.localPath, body, expect: [status],
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
      });
      const cases: Case[] = [
        post('unsigned', kind === 'whatsapp' ? wa('15550000') : ig('15550000'), undefined, 401),
        post('a signature of the wrong shape', kind === 'whatsapp' ? wa('15550000') : ig('15550000'), 'sha256=00', 401),
        post('malformed JSON', '{"entry": [', shaped, 400),
        post('body []', '[]', shaped, 400),
        post('body null', 'null', shaped, 400),
        post('body a string', '"sweep"', shaped, 400),
        post('body {} (no entry array)', '{}', shaped, 400),
        post('entry not an array', '{"entry": "x"}', shaped, 400),
        post('another product\'s object', JSON.stringify({ object: kind === 'whatsapp' ? 'instagram' : 'whatsapp_business_account', entry: [] }), shaped, 400),
        // was a 500: the id went into a DynamoDB key, past its 2,048 bytes
        post('a 3,000-digit account id', kind === 'whatsapp' ? wa('9'.repeat(3000)) : ig('9'.repeat(3000)), shaped, 400),
        post('a 1.1 MB body', JSON.stringify({ entry: [], pad: 'x'.repeat(1_100_000) }), shaped, 413),
        // was a 500: the unrouted record's excerpt (JSON.stringify) overflowed the stack
        post('100,000 nested arrays', `{"entry":[{"changes":[{"value":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}]}`, shaped, 400),
      ];
      for (const c of cases) it(c.name, async () => check(c, await send(c), false));
      for (const [what, query] of [['no parameters', ''], ['a wrong verify token', '?hub.mode=subscribe&hub.verify_token=sweep-wrong&hub.challenge=1'], ['a 3,000-char verify token', `?hub.mode=subscribe&hub.verify_token=${'x'.repeat(3000)}&hub.challenge=1`]]) {
        it(`GET ${spec.localPath}: ${what} → 403 (bare, for Meta)`, async () => {
          const res = await send({ name: '', method: 'GET', path: `${spec.localPath}${query}`, expect: [] });
          expect(res.status).toBe(403);
        });
      }
    }
  });

  describe('/v1/mcp: the MCP transport answers JSON-RPC errors, never a 5xx', () => {
    const token = runtime.tokens.admin;
    const mcp = (body: string | undefined, headers: Record<string, string>, method = 'POST') =>
      send({ name: '', method, path: '/v1/mcp', body, token, headers: { accept: 'application/json, text/event-stream', ...headers }, expect: [] });
    const json = { 'content-type': 'application/json' };
    it.each([
      ['malformed JSON', '{"jsonrpc": "2.0",', json, -32700],
      ['body null', 'null', json, -32700],
      ['body a string', '"sweep"', json, -32700],
      ['body {}', '{}', json, -32700],
      ['an unknown JSON-RPC method', '{"jsonrpc":"2.0","id":1,"method":"sweep/nothing","params":{}}', json, -32601],
    ] as const)('POST /v1/mcp: %s → a JSON-RPC error, no 5xx', async (_what, body, headers, code) => {
      const res = await mcp(body, headers);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
      const error = Array.isArray(res.body) ? res.body[0]?.error : res.body?.error;
      expect(error?.code, JSON.stringify(res.body)).toBe(code);
    });
    it('POST /v1/mcp: body [] → 202, nothing done (the SDK reads it as a batch of no requests)', async () => {
      const res = await mcp('[]', json);
      expect(res.status).toBe(202);
      expect(res.body).toBeUndefined();
    });
    it('POST /v1/mcp: a form-encoded body → 415', async () => {
      expect((await mcp('a=b', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    });
    it('POST /v1/mcp: a 1.1 MB body → 413 problem', async () => {
      const res = await mcp(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { x: 'x'.repeat(1_100_000) } }), json);
      expect(res.status).toBe(413);
      expect(res.contentType).toBe('application/problem+json');
    });
    it('GET and DELETE /v1/mcp → 405 problem (stateless: POST only)', async () => {
      for (const method of ['GET', 'DELETE']) {
        const res = await mcp(undefined, {}, method);
        expect(res.status).toBe(405);
        expect(res.contentType).toBe('application/problem+json');
      }
    });
    it('POST /v1/mcp: no token → 401 problem', async () => {
      const res = await send({ name: '', method: 'POST', path: '/v1/mcp', body: '{}', headers: json, expect: [] });
      expect(res.status).toBe(401);
      expect(res.contentType).toBe('application/problem+json');
    });
  });

  it('left every list, the ticket list and the ticket exactly as they were', async () => {
    const after = await snapshot();
    expect(after.ticket).toEqual(before.ticket);
    expect(after.tickets).toEqual(before.tickets);
    for (const path of Object.keys(before.lists)) expect(after.lists[path], path).toEqual(before.lists[path]);
  });
});

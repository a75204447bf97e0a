import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RuntimeContract } from '../bin/local/runtime';
import type { Deps } from '../functions/domain/store/store';
import { bareTicketWrite } from './bare-ticket-write';
import { percentile } from './stats';

const BURST = Number(process.env.BENCH_BURST ?? 200);
const IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 32);
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);

interface Client {
  (method: string, url: string, body?: unknown, extra?: Record<string, string>): Promise<{ json: { id?: string; items?: { id: string }[] }; etag: string | null }>;
}

function client(contract: RuntimeContract): Client {
  const auth = `Bearer ${contract.tokens.agent}`;
  return async (method, url, body, extra = {}) => {
    const res = await fetch(`${contract.httpUrl}${url}`, {
      method, headers: { authorization: auth, 'content-type': 'application/json', ...extra }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    return { json: JSON.parse(text), etag: res.headers.get('etag') };
  };
}

/** Runs `total` calls of `op`, `inFlight` at a time; wall time and errors. */
async function pool(total: number, inFlight: number, op: (i: number) => Promise<unknown>) {
  let next = 0;
  const errors: string[] = [];
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < total) {
      const i = next++;
      await op(i).catch((e: Error) => errors.push(e.message));
    }
  }));
  return { seconds: (performance.now() - start) / 1000, errors };
}

const body = (i: number) => ({ subject: `Load ticket ${i}`, description: 'The export job fails with a timeout after 30 seconds.', priority: 'medium', requester: { email: `load${i % 50}@example.com` } });

/**
 * Burst: BURST creates over HTTP, IN_FLIGHT at a time, one organization, against BURST bare
 * 2-item TransactWriteItems (ticket + activity) at the same concurrency on the same DynamoDB
 * Local; two rounds each, alternating, the better round of each kept.
 */
export async function benchBurst(contract: RuntimeContract, deps: Deps, document: DynamoDBDocumentClient, figures: Record<string, number | string>): Promise<string[][]> {
  const http = client(contract);
  const rounds: { http: number; bare: number; errors: string[] } = { http: 0, bare: 0, errors: [] };
  for (let round = 0; round < 2; round++) {
    const bare = await pool(BURST, IN_FLIGHT, () => document.send(new TransactWriteCommand({ TransactItems: bareTicketWrite(deps, contract.orgId) })));
    const api = await pool(BURST, IN_FLIGHT, (i) => http('POST', '/v1/tickets', body(i)));
    rounds.bare = Math.max(rounds.bare, BURST / bare.seconds);
    rounds.http = Math.max(rounds.http, BURST / api.seconds);
    rounds.errors.push(...api.errors, ...bare.errors);
  }
  const ratio = rounds.http / rounds.bare;
  Object.assign(figures, { 'burst.creates': BURST, 'burst.inFlight': IN_FLIGHT, 'burst.errors': rounds.errors.length, 'burst.perSecond': rounds.http, 'burst.barePerSecond': rounds.bare, 'burst.ratio': ratio });
  if (rounds.errors.length) console.error('burst errors (first 3):', rounds.errors.slice(0, 3));
  const met = rounds.errors.length === 0 && ratio >= 0.5;
  return [[`burst: ${BURST} creates, ${IN_FLIGHT} in flight, one org (errors ${rounds.errors.length})`, `${rounds.http.toFixed(1)} /s`, `bare ${rounds.bare.toFixed(1)} /s`, ratio.toFixed(2), '≥ 0.5, 0 errors', met ? 'met' : 'MISSED']];
}

/**
 * Sustained mixed load: IN_FLIGHT connections for MIXED_SECONDS, each repeating a cycle of
 * ten requests, 70 % reads (4 lists, 3 gets) and 30 % writes (a create, a reply and a
 * priority update with If-Match on the connection's own ticket, so no two connections race).
 */
export async function benchMixedLoad(contract: RuntimeContract, figures: Record<string, number | string>): Promise<string[][]> {
  const http = client(contract);
  const seed = await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => http('POST', '/v1/tickets', body(i))));
  const pool = seed.map((s) => s.json.id!);
  const latencies: Record<string, number[]> = { list: [], get: [], create: [], reply: [], update: [] };
  const errors: string[] = [];
  const deadline = performance.now() + MIXED_SECONDS * 1000;
  const start = performance.now();
  const timed = async <T>(kind: string, fn: () => Promise<T>): Promise<T | undefined> => {
    const t = performance.now();
    try {
      const result = await fn();
      latencies[kind].push(performance.now() - t);
      return result;
    } catch (e) {
      errors.push((e as Error).message);
      return undefined;
    }
  };
  const lists = ['/v1/tickets?limit=20', '/v1/tickets?limit=20&status=new', `/v1/tickets?limit=20&assigneeId=unassigned`, '/v1/tickets?limit=20&requesterEmail=load7%40example.com'];
  await Promise.all(seed.map(async (own, c) => {
    const mine = own.json.id!;
    let priority = 'medium';
    for (let n = 0; performance.now() < deadline; n++) {
      const other = pool[(c * 7 + n) % pool.length];
      await timed('list', () => http('GET', lists[n % lists.length]));
      await timed('get', () => http('GET', `/v1/tickets/${other}`));
      await timed('list', () => http('GET', lists[(n + 1) % lists.length]));
      const created = await timed('create', () => http('POST', '/v1/tickets', body(c * 1000 + n)));
      if (created?.json.id) pool[(c + n) % pool.length] = created.json.id;
      await timed('get', () => http('GET', `/v1/tickets/${created?.json.id ?? other}`));
      await timed('list', () => http('GET', lists[(n + 2) % lists.length]));
      await timed('reply', () => http('POST', `/v1/tickets/${mine}/messages`, { body: `Load reply ${n}` }));
      const fresh = await timed('get', () => http('GET', `/v1/tickets/${mine}`));
      await timed('list', () => http('GET', lists[(n + 3) % lists.length]));
      priority = priority === 'medium' ? 'high' : 'medium';
      if (fresh?.etag) await timed('update', () => http('PATCH', `/v1/tickets/${mine}`, { priority }, { 'if-match': fresh.etag! }));
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  const all = Object.values(latencies).flat();
  const perSecond = all.length / seconds;
  const p99 = percentile(all, 99);
  const p50 = percentile(all, 50);
  Object.assign(figures, {
    'mixed.connections': IN_FLIGHT, 'mixed.seconds': seconds, 'mixed.requests': all.length, 'mixed.errors': errors.length,
    'mixed.perSecond': perSecond, 'mixed.p50Ms': p50, 'mixed.p99Ms': p99,
    ...Object.fromEntries(Object.entries(latencies).map(([k, v]) => [`mixed.${k}.p99Ms`, percentile(v, 99)])),
  });
  if (errors.length) console.error('mixed-load errors (first 3):', errors.slice(0, 3));
  const reads = latencies.list.length + latencies.get.length;
  return [[`mixed load: ${IN_FLIGHT} connections, ${seconds.toFixed(0)} s, ${Math.round((100 * reads) / all.length)} % reads (errors ${errors.length})`,
    `${perSecond.toFixed(1)} req/s`, `p50 ${p50.toFixed(0)} ms / p99 ${p99.toFixed(0)} ms`, '', '0 errors; reported', errors.length === 0 ? 'met' : 'MISSED']];
}

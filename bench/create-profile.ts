import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { InvokeStore } from '@aws/lambda-invoke-store';

/**
 * Where one create's time goes: the local runtime in this process, a middleware on its DynamoDB
 * client that notes every command (name, start and length, grouped by the Lambda request id the
 * local invoke store gives each invocation), and sequential creates over real HTTP. Prints the
 * round trips of a create and the time between them (gateway, parsing, domain code, reply).
 *
 * `node --import tsx bench/create-profile.ts` (`PROFILE_SAMPLES`, default 100; `PROFILE_PATH`
 * get50 profiles a get of a ticket with 50 messages instead). Add `--cpu-prof` for a CPU profile.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { startLocalRuntime } = await import('../bin/local/runtime');
const { runtime } = await import('../functions/runtime');

const SAMPLES = Number(process.env.PROFILE_SAMPLES ?? 100);
const PAUSE_MS = Number(process.env.PROFILE_PAUSE_MS ?? 300);
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-profile-'));
const local = await startLocalRuntime({ rootDir, dataDir, httpPort: 0 });
const { contract } = local;
const store = await InvokeStore.getInstanceAsync(true);

interface Call { command: string; start: number; end: number }
const calls = new Map<string, Call[]>();
runtime().dynamo.middlewareStack.add(
  (next, context) => async (args) => {
    const requestId = store.hasContext() ? store.getRequestId() : 'none';
    const call: Call = { command: context.commandName ?? '?', start: performance.now(), end: 0 };
    try {
      return await next(args);
    } finally {
      call.end = performance.now();
      if (!calls.has(requestId)) calls.set(requestId, []);
      calls.get(requestId)!.push(call);
    }
  },
  { step: 'initialize', name: 'profileCalls' },
);

const headers = { authorization: `Bearer ${contract.tokens.agent}`, 'content-type': 'application/json' };
const body = JSON.stringify({ subject: 'Profile ticket', description: 'The export job fails with a timeout after 30 seconds.', priority: 'medium', requester: { email: 'profile@example.com' } });
const create = () => fetch(`${contract.httpUrl}/v1/tickets`, { method: 'POST', headers, body });
const GET50 = process.env.PROFILE_PATH === 'get50';
let thread = '';
if (GET50) {
  thread = ((await (await create()).json()) as { id: string }).id;
  const reply = JSON.stringify({ body: `A reply: ${'lorem ipsum '.repeat(20)}` });
  for (let i = 0; i < 50; i++) await (await fetch(`${contract.httpUrl}/v1/tickets/${thread}/messages`, { method: 'POST', headers, body: reply })).text();
}
const request = GET50 ? () => fetch(`${contract.httpUrl}/v1/tickets/${thread}`, { headers }) : create;
const ownCommand = GET50 ? 'QueryCommand' : 'TransactWriteItemsCommand';

try {
  for (let i = 0; i < 20; i++) await (await request()).text();
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  let bytes = 0;
  const others = { invocations: new Set<string>(), commands: new Map<string, number>() };
  const samples: { total: number; calls: Call[]; t0: number }[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    calls.clear();
    const t0 = performance.now();
    const res = await request();
    await res.text();
    const total = performance.now() - t0;
    if (res.status !== (GET50 ? 200 : 201)) throw new Error(`${GET50 ? 'get' : 'create'}: ${res.status}`);
    // The create's own invocation: the one whose calls include the ticket's transaction.
    const end = t0 + total;
    const own = [...calls.values()]
      .filter((list) => list[0].start >= t0 && list.some((c) => c.command === ownCommand && c.end <= end))
      .sort((a, b) => a[0].start - b[0].start)[0] ?? [];
    samples.push({ total, calls: own, t0 });
    bytes = Number(res.headers.get('content-length') ?? 0) || bytes;
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS)); // the stream consumers of this create run before the next
    for (const [id, list] of calls) {
      if (list === own) continue;
      others.invocations.add(id);
      for (const c of list) others.commands.set(c.command, (others.commands.get(c.command) ?? 0) + 1);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const shape = samples[0].calls.map((c) => c.command.replace(/Command$/, ''));
  console.log(`\n${SAMPLES} sequential ${GET50 ? 'gets of a ticket with 50 messages' : 'creates'} over HTTP; round trips each: ${median(samples.map((s) => s.calls.length))} (${shape.join(', ')})`);
  lag.disable();
  console.log(`event loop delay of the runtime's process meanwhile: p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms`);
  if (GET50) console.log(`response ${bytes} bytes`);
  console.log(`total p50 ${median(samples.map((s) => s.total)).toFixed(1)} ms`);
  const slots = Math.max(...samples.map((s) => s.calls.length));
  let previous = (s: (typeof samples)[number]) => s.t0;
  for (let i = 0; i < slots; i++) {
    const have = samples.filter((s) => s.calls[i]);
    const before = previous;
    const gap = median(have.map((s) => s.calls[i].start - before(s)));
    const took = median(have.map((s) => s.calls[i].end - s.calls[i].start));
    console.log(`  before ${have[0].calls[i].command.replace(/Command$/, '').padEnd(22)} ${gap.toFixed(1).padStart(6)} ms, it took ${took.toFixed(1).padStart(6)} ms`);
    previous = (s) => s.calls[i]?.end ?? before(s);
  }
  const tail = median(samples.map((s) => s.t0 + s.total - (s.calls.at(-1)?.end ?? s.t0)));
  console.log(`  after the last call to the response read ${tail.toFixed(1)} ms`);
  console.log(`meanwhile, other invocations (bus consumers, the pump) per create: ${(others.invocations.size / SAMPLES).toFixed(1)}, their DynamoDB calls: ${
    [...others.commands].map(([k, v]) => `${k.replace(/Command$/, '')} ${(v / SAMPLES).toFixed(1)}`).join(', ')}`);
} finally {
  await local.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

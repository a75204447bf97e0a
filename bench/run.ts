import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { startRuntimeProcess } from '../bin/local/runtime-process';
import { createDynamoClients } from '../functions/adapters/dynamodb-clients';
import { type Deps, createStore } from '../functions/domain/store/store';
import { lifecycleCapacity } from './lifecycle-capacity';
import { MAIL_SIZED } from './mail-sized-texts';
import { runtimeCapacity, systemWorkBetween } from './runtime-capacity';
import { bareTicketWrite } from './bare-ticket-write';
import { writeFileSync } from 'node:fs';
import { type BundleFigure, benchBundles, bundleRows, storeFigures } from './bundles';
import { ASSUMPTIONS, RULE_QUEUES, costPer1000, idleCostPerMonth } from './cost-model';
import { PRICES } from './prices';
import { benchEmail } from './email';
import { benchEventDelivery } from './event-delivery';
import { benchMeta } from './meta';
import { benchRealtime } from './realtime';
import { benchRouting } from './routing';
import { benchKb } from './kb';
import { benchSchedules } from './schedules';
import { fillTickets } from './fill-tickets';
import { benchBurst, benchMixedLoad } from './load';
import { listPageReadUnits } from './list-capacity';
import { ms, sideBySide, sideBySideAfter, summarise } from './stats';

/**
 * `npm run bench`: the spine's speed and cost figures, each measured side by side with its
 * bare DynamoDB baseline in the same run, against the local runtime as `npm start` runs it.
 */
const N = Number(process.env.BENCH_SAMPLES ?? 200);
/**
 * `BENCH_ONLY=lifecycle,bundles` runs only the named sections (create, get50, list, lifecycle,
 * features, bundles, burst, mixed); unset runs them all.
 */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : undefined;
const want = (section: string) => (ONLY ? ONLY.has(section) : true);
const BIG_TABLE = Number(process.env.BENCH_BIG_TABLE ?? 100_000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-bench-'));
// The queues' own batching windows, as deployed (the local runtime caps them at 2 s for tests):
// the stats rollup's 20 s is what merges a lifecycle's events.
const runtime = await startRuntimeProcess(dataDir, { HELPDESK_LOCAL_BATCHING_WINDOW_SECONDS: '300' });
const { contract } = runtime;
const clients = createDynamoClients({ endpoint: contract.dynamodbEndpoint });
const ulid = monotonicFactory();
const deps: Deps = { store: createStore(clients.document, contract.tableName), now: () => new Date(), newId: () => ulid() };
const headers = { authorization: `Bearer ${contract.tokens.agent}`, 'content-type': 'application/json' };
const http = (method: string, url: string, body?: unknown) =>
  fetch(`${contract.httpUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (res) => {
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  });
const rows: string[][] = [];
/** The machine-readable figures (`BENCH_JSON=path`), one key per figure; listed in the README. */
const figures: Record<string, number | string> = {};
const report = (name: string, a: number[], b: number[], target: number, key?: string) => {
  const [sa, sb] = [summarise(a), summarise(b)];
  const ratio = sa.p50 / sb.p50;
  if (key) Object.assign(figures, { [`${key}.p50Ms`]: sa.p50, [`${key}.p99Ms`]: sa.p99, [`${key}.baselineP50Ms`]: sb.p50, [`${key}.ratio`]: ratio });
  rows.push([name, `${ms(sa.p50)} / ${ms(sa.p99)}`, `${ms(sb.p50)} / ${ms(sb.p99)}`, ratio.toFixed(2), `≤ ${target}`, ratio <= target ? 'met' : 'MISSED']);
};

try {
  // Warm both paths (JIT, connections, lazy handler imports) before measuring.
  for (let i = 0; i < 20; i++) await http('POST', '/v1/tickets', ticketBody(i));

  // 1. Create a ticket over HTTP vs a bare 2-item TransactWriteItems on the same DynamoDB Local.
  let createP50 = Number.NaN;
  if (want('create') || want('lifecycle')) {
    const [create, transact] = await sideBySide(
      want('create') ? N : 20,
      () => http('POST', '/v1/tickets', ticketBody(0)),
      () => clients.document.send(new TransactWriteCommand({ TransactItems: bareTicketWrite(deps, contract.orgId) })),
    );
    createP50 = summarise(create).p50;
    if (want('create')) {
      report('create ticket (HTTP) vs bare 2-item TransactWriteItems (ticket + activity)', create, transact, 1.5, 'create');
      // The same, each sample taken once the runtime is idle: no bus consumer of an earlier
      // sample still working on the one DynamoDB Local (in AWS they run in their own functions
      // against a table that scales), so this is the request path's own time against its own.
      const meter = runtimeCapacity(contract);
      const idle = () => meter.settled({ stableMs: 300, capMs: 10_000, ignoreQueued: true });
      const [quietCreate, quietTransact] = await sideBySideAfter(
        Math.min(N, 100), idle,
        () => http('POST', '/v1/tickets', ticketBody(0)),
        () => clients.document.send(new TransactWriteCommand({ TransactItems: bareTicketWrite(deps, contract.orgId) })),
      );
      report('  the same, each sample once the runtime is idle (no consumer of the last sample running)', quietCreate, quietTransact, 1.5, 'create.idle');
    }
  }

  // 2. Get a ticket with 50 messages over HTTP vs one bare Query of its partition.
  if (want('get50')) {
    const ticket = await http('POST', '/v1/tickets', ticketBody(1));
    for (let i = 0; i < 50; i++) await http('POST', `/v1/tickets/${ticket.id}/messages`, { body: `Reply number ${i}: ${'lorem ipsum '.repeat(20)}` });
    const pk = `$helpdesk#orgid_${contract.orgId}#ticketid_${ticket.id}`.toLowerCase();
    for (let i = 0; i < 20; i++) await http('GET', `/v1/tickets/${ticket.id}`);
    // The 50 replies' bus consumers (mail, realtime, SLA, stats) finish before the measure, not during it.
    await runtimeCapacity(contract).settled({ stableMs: 500, capMs: 60_000, ignoreQueued: true });
    const [get, query] = await sideBySide(
      N,
      () => http('GET', `/v1/tickets/${ticket.id}`),
      () => clients.document.send(new QueryCommand({ TableName: contract.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } })),
    );
    report('get ticket + 50 messages (HTTP) vs bare Query of the partition', get, query, 1.5, 'get50');
  }

  // 3. List latency with 1,000 tickets in the table vs BIG_TABLE, same query, same org.
  let fillSeconds = 0;
  if (want('list')) {
    const existing = await countTickets(deps, contract.orgId);
    await fillTickets(deps, contract.orgId, 1_000 - existing);
    const listOnce = () => http('GET', '/v1/tickets?limit=20&status=new');
    // The whole organization by update time: its status partitions merged (list-across-statuses.ts).
    const listOrg = () => http('GET', '/v1/tickets?limit=20');
    for (let i = 0; i < 20; i++) await listOnce();
    const [small, smallOrg] = await sideBySide(N, listOnce, listOrg);
    const start = Date.now();
    await fillTickets(deps, contract.orgId, BIG_TABLE - 1_000);
    fillSeconds = (Date.now() - start) / 1000;
    const [big, bigOrg] = await sideBySide(N, listOnce, listOrg);
    const [ss, sb, so, bo] = [summarise(small), summarise(big), summarise(smallOrg), summarise(bigOrg)];
    const listRatio = sb.p50 / ss.p50;
    const orgRatio = bo.p50 / so.p50;
    const [statusRcu, orgRcu] = [await listPageReadUnits(contract, { limit: 20, status: 'new' }), await listPageReadUnits(contract, { limit: 20 })];
    Object.assign(figures, {
      'list.bigP50Ms': sb.p50, 'list.smallP50Ms': ss.p50, 'list.ratio': listRatio,
      'list.org.bigP50Ms': bo.p50, 'list.org.smallP50Ms': so.p50, 'list.org.ratio': orgRatio,
      'list.statusPageRcu': statusRcu, 'list.orgPageRcu': orgRcu,
    });
    rows.push([`list 20 (status=new): ${BIG_TABLE.toLocaleString('en')} vs 1,000 tickets`, `${ms(sb.p50)} / ${ms(sb.p99)}`, `${ms(ss.p50)} / ${ms(ss.p99)}`, listRatio.toFixed(2), '≤ 1.1', listRatio <= 1.1 ? 'met' : 'MISSED']);
    rows.push([`list 20 (whole organization, 8 status partitions merged): ${BIG_TABLE.toLocaleString('en')} vs 1,000 tickets`, `${ms(bo.p50)} / ${ms(bo.p99)}`, `${ms(so.p50)} / ${ms(so.p99)}`, orgRatio.toFixed(2), '≤ 1.1', orgRatio <= 1.1 ? 'met' : 'MISSED']);
    rows.push(['  read units of one page: whole organization / status=new', `${orgRcu.toFixed(1)} RCU`, `${statusRcu.toFixed(1)} RCU`, (orgRcu / statusRcu).toFixed(2), 'reported', 'met']);
  }

  // 4. Read and write units of one ticket lifecycle: its requests' (ReturnConsumedCapacity, table +
  // indexes), and the whole lifecycle's with every consumer, timer and queue worker it woke, from
  // the runtime's meter (GET /v1/dev/capacity), between a quiet runtime and a settled one.
  let lifecycle: Awaited<ReturnType<typeof lifecycleCapacity>> | undefined;
  let wholeLifecycle: ReturnType<typeof systemWorkBetween> | undefined;
  if (want('lifecycle')) {
    const meter = runtimeCapacity(contract);
    // The earlier sections' consumers (and the SLA planner's timers for their tickets) finish first.
    const quiet = await meter.settled();
    if (!quiet.settled) console.error(`lifecycle: the runtime was still busy after ${quiet.waitedMs} ms; measuring anyway`);
    const before = await meter.transactionImages(true);
    const mailsBefore = (await devJson<{ items: unknown[] }>('/v1/dev/outbox')).items.length;
    lifecycle = await lifecycleCapacity(contract);
    const done = await meter.settled({ ticketId: lifecycle.ticketId });
    if (!done.settled) console.error(`lifecycle: its consumers were still busy after ${done.waitedMs} ms; counting what they did so far`);
    // One isolated event, alone in its batch window (a create: nothing else merges with it), for
    // what the rollup writes when nothing merges.
    const soloBefore = await meter.read();
    const solo = await http('POST', '/v1/tickets', ticketBody(2));
    const soloDone = await meter.settled({ ticketId: solo.id });
    const soloRollup = Object.entries(systemWorkBetween(soloBefore, soloDone.capacity).labels).find(([label]) => label.endsWith(':stats-rollup'))?.[1];
    await meter.transactionImages(false);
    const lifecycleEvents = done.events;
    wholeLifecycle = systemWorkBetween(before, done.capacity);
    // The schedules this lifecycle leaves to fire: its ticket's timers still pending now, plus any
    // timer that fired meanwhile (none while the clock stands still).
    const pendingTimers = (await devJson<{ pending: unknown[] }>(`/v1/dev/schedules?ticketId=${lifecycle.ticketId}`)).pending.length;
    const timersFired = Object.entries(wholeLifecycle.labels).filter(([label]) => label.startsWith('timer:')).reduce((sum, [, u]) => sum + u.invocations, 0);
    const mailsAfter = (await devJson<{ items: unknown[] }>('/v1/dev/outbox')).items.length;
    const totals = lifecycle.reduce((sum, s) => ({ read: sum.read + s.read, write: sum.write + s.write, local: sum.local + s.writeLocalReported }), { read: 0, write: 0, local: 0 });
    const consumersUnits = wholeLifecycle.total;
    const all = { read: totals.read + consumersUnits.read, write: totals.write + consumersUnits.write };
    const queueInvocations = RULE_QUEUES.reduce((sum, queue) => sum + (wholeLifecycle!.labels[`queue:${queue}`]?.invocations ?? 0), 0);
    const cost = costPer1000({
      httpRequests: lifecycle.length, httpMs: createP50, rcuAll: all.read, wcuAll: all.write, events: lifecycleEvents,
      schedulesFired: pendingTimers + timersFired, mailsSent: mailsAfter - mailsBefore, queueInvocations,
    });
    const idle = idleCostPerMonth();
    Object.assign(figures, {
      'lifecycle.wcu': totals.write, 'lifecycle.wcuLocalReported': totals.local, 'lifecycle.rcu': totals.read, 'lifecycle.events': lifecycleEvents.length,
      'lifecycle.wcuAll': all.write, 'lifecycle.rcuAll': all.read,
      'lifecycle.wcuConsumers': consumersUnits.write, 'lifecycle.rcuConsumers': consumersUnits.read,
      'lifecycle.consumerInvocations': cost.consumers, 'lifecycle.invocationsMeasured': consumersUnits.invocations,
      'rollup.isolatedEventWcu': soloRollup?.write ?? 0,
      'lifecycle.queuedMessages': cost.queued, 'lifecycle.queueInvocations': cost.queueRuns, 'lifecycle.sqsRequests': cost.sqsRequests,
      'lifecycle.schedulesFired': cost.schedulesFired, 'lifecycle.settleMs': done.waitedMs,
      ...Object.fromEntries(Object.entries(wholeLifecycle.labels).flatMap(([label, u]) => [
        [`lifecycle.labels.${label}.invocations`, u.invocations], [`lifecycle.labels.${label}.wcu`, u.write], [`lifecycle.labels.${label}.rcu`, u.read],
      ])),
      'cost.usdPer1000Lifecycles': cost.usdPer1000, 'cost.sesUsdPer1000Lifecycles': cost.sesUsdPer1000,
      ...Object.fromEntries(Object.entries(cost.parts).map(([k, v]) => [`cost.parts.${k}`, v])),
      'cost.idleUsdPerMonth': idle.usd, 'cost.idleKmsKeys': idle.keys, 'cost.alarms': idle.alarms, 'cost.alarmMetrics': idle.alarmMetrics, 'stack.resources': idle.resources,
      'cost.pricesAsOf': PRICES.asOf,
    });
    rows.push(['lifecycle write units as AWS bills them (create, 3 replies, assign, resolve, close, read)', `${totals.write.toFixed(1)} WCU`, `${totals.read.toFixed(1)} RCU`, '', '≤ 120 WCU', totals.write <= 120 ? 'met' : 'MISSED']);
    rows.push(['  the same as DynamoDB Local reports them (index arms doubled in transactions)', `${totals.local.toFixed(1)} WCU`, '', '', '', '']);
    // The same requests with texts the size of real mail: what long descriptions and bodies cost.
    const mailSized = await lifecycleCapacity(contract, MAIL_SIZED);
    await meter.settled({ ticketId: mailSized.ticketId }); // its consumers finish before the next section
    const mailTotals = mailSized.reduce((sum, st) => ({ read: sum.read + st.read, write: sum.write + st.write }), { read: 0, write: 0 });
    Object.assign(figures, { 'lifecycle.mailSized.wcu': mailTotals.write, 'lifecycle.mailSized.rcu': mailTotals.read });
    rows.push(['  the same with mail-sized texts (3 KB first message, 1.5 KB replies)', `${mailTotals.write.toFixed(1)} WCU`, `${mailTotals.read.toFixed(1)} RCU`, '', '', '']);
    rows.push([`  the whole lifecycle: + ${consumersUnits.invocations} consumer/queue/timer invocations' own calls (measured)`, `${all.write.toFixed(1)} WCU`, `${all.read.toFixed(1)} RCU`, '', '', '']);
    const rollup = Object.entries(wholeLifecycle.labels).find(([label]) => label.endsWith(':stats-rollup'))?.[1];
    rows.push([`  of which the stats rollup (${rollup?.invocations ?? 0} invocation(s)); one isolated event alone`, `${(rollup?.write ?? 0).toFixed(1)} WCU`, `${(soloRollup?.write ?? 0).toFixed(1)} WCU`, '', '', '']);
    rows.push(['cost of 1,000 lifecycles (API, Lambda, DynamoDB, stream, Pipe, EventBridge, SQS, Scheduler)', `$${cost.usdPer1000.toFixed(4)}`,
      Object.entries(cost.parts).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', '), '', '≤ $0.10', cost.usdPer1000 <= 0.1 ? 'met' : 'MISSED']);
    rows.push(['idle cost a month (KMS keys, alarm metrics beyond the free 10)', `$${idle.usd.toFixed(2)}`, `${idle.keys} key(s), ${idle.alarmMetrics} alarm metric(s)`, '', '$0.00', idle.usd === 0 ? 'met' : 'MISSED']);
    rows.push(['CloudFormation resources in the stack (CloudFormation refuses > 500)', String(idle.resources), '', '', '≤ 450', idle.resources <= 450 ? 'met' : 'MISSED']);
  }

  // 5. The features on the bus: SLA schedules per lifecycle, real-time fan-out, email ingest.
  if (want('features') && process.env.BENCH_FEATURES !== '0') {
    rows.push(...(await benchEventDelivery(contract)));
    rows.push(...(await benchSchedules(contract)));
    rows.push(...(await benchRealtime(contract)));
    rows.push(...(await benchEmail(contract)));
    rows.push(...(await benchMeta(contract)));
    rows.push(...(await benchRouting(contract)));
    const kb = await benchKb(contract);
    rows.push(...kb.rows);
    Object.assign(figures, kb.figures);
  }

  // 6. Burst and sustained mixed load, over HTTP, beside bare transactions at the same concurrency.
  if (want('burst')) rows.push(...(await benchBurst(contract, deps, clients.document, figures)));
  if (want('mixed')) rows.push(...(await benchMixedLoad(contract, figures)));

  // 7. Every deployed bundle: size and module init in a fresh Node process beside an empty handler's.
  if (want('bundles') && process.env.BENCH_BUNDLES !== '0') {
    const bundles = await benchBundles();
    rows.push(...bundleRows(bundles));
    figures['bundles.emptyInitMs'] = bundles.emptyInitMs;
    Object.assign(figures, storeFigures(bundles.store));
    figures['bundles.maxKb'] = Math.max(...bundles.functions.map((f: BundleFigure) => f.bytes / 1024));
    figures['bundles.maxInitRatio'] = Math.max(...bundles.functions.map((f: BundleFigure) => f.initMs / bundles.emptyInitMs));
    for (const f of bundles.functions) Object.assign(figures, { [`bundles.${f.name}.kb`]: f.bytes / 1024, [`bundles.${f.name}.initMs`]: f.initMs });
  }

  console.log(`\nHelpdesk spine benchmark (${N} samples each, alternating; DynamoDB Local ${contract.dynamodbEndpoint})\n`);
  const head = ['measure', 'p50 / p99', 'baseline p50 / p99', 'ratio p50', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [head, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  if (fillSeconds) console.log(`\n(${(BIG_TABLE - 1_000).toLocaleString('en')} tickets added in ${fillSeconds.toFixed(0)} s for the list measure)`);
  if (lifecycle) {
    console.log('\nOne ticket lifecycle, capacity units consumed (table + GSIs; WCU as AWS bills them, Local\'s report beside):');
    for (const step of lifecycle) console.log(`  ${step.step.padEnd(28)} RCU ${step.read.toFixed(1).padStart(5)}  WCU ${step.write.toFixed(1).padStart(5)}  (Local ${step.writeLocalReported.toFixed(1).padStart(5)})`);
    const total = lifecycle.reduce((sum, s) => ({ read: sum.read + s.read, write: sum.write + s.write, local: sum.local + s.writeLocalReported }), { read: 0, write: 0, local: 0 });
    console.log(`  ${'total'.padEnd(28)} RCU ${total.read.toFixed(1).padStart(5)}  WCU ${total.write.toFixed(1).padStart(5)}  (Local ${total.local.toFixed(1).padStart(5)})`);
    if (wholeLifecycle) {
      const u = wholeLifecycle.total;
      console.log(`  ${'+ consumers, queues, timers'.padEnd(28)} RCU ${u.read.toFixed(1).padStart(5)}  WCU ${u.write.toFixed(1).padStart(5)}  (Local ${u.writeLocalReported.toFixed(1).padStart(5)})  ${u.invocations} invocations, ${u.calls} calls`);
      if (process.env.BENCH_CAPACITY_DETAIL) {
        console.log('\nThe lifecycle\'s consumers by caller (local runtime meter, transactions billed from item sizes):');
        console.log(`  ${'caller'.padEnd(34)} ${'inv'.padStart(4)} ${'calls'.padStart(6)} ${'RCU'.padStart(7)} ${'WCU'.padStart(7)} ${'WCU/inv'.padStart(8)}`);
        const byWrite = Object.entries(wholeLifecycle.labels).sort(([, a], [, b]) => b.write - a.write);
        for (const [label, v] of byWrite) {
          console.log(`  ${label.padEnd(34)} ${String(v.invocations).padStart(4)} ${String(v.calls).padStart(6)} ${v.read.toFixed(1).padStart(7)} ${v.write.toFixed(1).padStart(7)} ${(v.invocations ? v.write / v.invocations : 0).toFixed(1).padStart(8)}${v.failedCalls ? `  (${v.failedCalls} failed calls)` : ''}`);
          for (const [key, c] of Object.entries(wholeLifecycle.commands ?? {}).filter(([k]) => k.startsWith(`${label} `))) {
            console.log(`    ${key.slice(label.length + 1).replace(/Command$/, '').padEnd(32)} ${''.padStart(4)} ${String(c.calls).padStart(6)} ${c.read.toFixed(1).padStart(7)} ${c.write.toFixed(1).padStart(7)}${c.failedCalls ? `  (${c.failedCalls} failed)` : ''}`);
          }
        }
      }
    }
  }
  console.log(`\nCost model: prices ${PRICES.region} as of ${PRICES.asOf} (bench/prices.ts); assumptions ${JSON.stringify(ASSUMPTIONS)}`);
  if (process.env.BENCH_JSON) {
    writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`Figures written to ${process.env.BENCH_JSON}`);
  }
} finally {
  clients.client.destroy();
  await runtime.interrupt();
  rmSync(dataDir, { recursive: true, force: true });
}

async function devJson<T>(url: string): Promise<T> {
  const res = await fetch(`${contract.httpUrl}${url}`, { headers: { authorization: `Bearer ${contract.tokens.admin}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.json() as Promise<T>;
}

function ticketBody(i: number) {
  return { subject: `Bench ticket ${i}`, description: 'The export job fails with a timeout after 30 seconds.', priority: 'medium', requester: { email: `bench${i % 50}@example.com` } };
}

async function countTickets(d: Deps, orgId: string): Promise<number> {
  const { data } = await d.store.entities.ticket.query.byOrgCreated({ orgId }).go({ pages: 'all', attributes: ['ticketId'] });
  return data.length;
}

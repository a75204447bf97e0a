import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { deployedEntries, esbuildOptionsOf } from '../lib/deployed-entries';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_INIT_ROUNDS ?? 5);

export interface BundleFigure {
  name: string;
  entry: string;
  bytes: number;
  initMs: number;
}

/**
 * A cold start's part that module init misses: the AWS composition root (`awsRuntime`, which
 * builds the store) bundled as a function bundles it, timed in a fresh Node process after its
 * import. Medians of ROUNDS, each phase in the same process in order.
 */
export interface StoreFigure {
  bytes: number;
  /** `await import(bundle)`: the runtime module with the store and every entity module. */
  initMs: number;
  /** `awsRuntime(env)`: config, DynamoDB clients, lazy ports and `createStore`, what a first invocation runs before its handler. */
  rootMs: number;
  /**
   * Then a first request's use of the store: a ticket's thread query and a ticket + activity
   * transaction (params only), so ticket, message and activity, as a first read and write of a ticket use them.
   */
  firstUseMs: number;
  /** Then every entity of the store touched once: what a container pays if it ever uses them all. */
  allEntitiesMs: number;
  /** init + root + first use: a table reader's cold start before its first DynamoDB call. */
  coldStartMs: number;
}

const STORE_PROBE = `
const env = { TABLE_NAME: 'bench', AWS_REGION: 'us-east-1' };
const t0 = performance.now();
const { awsRuntime } = await import(process.argv[1]);
const t1 = performance.now();
const { deps } = awsRuntime(env);
const t2 = performance.now();
deps.store.collections.thread({ orgId: 'o', ticketId: 't' }).params();
deps.store.transaction.write(({ ticket, activity }) => [
  ticket.delete({ orgId: 'o', ticketId: 't' }).commit(), activity.delete({ orgId: 'o', ticketId: 't', activityId: 'a' }).commit(),
]).params();
const t3 = performance.now();
for (const entity of Object.values(deps.store.entities)) if (!entity) throw new Error('no entity');
const t4 = performance.now();
process.stdout.write(JSON.stringify({ initMs: t1 - t0, rootMs: t2 - t1, firstUseMs: t3 - t2, allEntitiesMs: t4 - t3 }));
`;

/**
 * A fresh directory for bundles, with an empty handler beside them. Inside the repository, so a
 * module left external (say the AWS SDK, which Lambda's runtime provides) resolves to
 * node_modules as it would to the runtime's copy, and its loading counts in the module init as it
 * does at a cold start.
 */
function scratchDir(prefix: string): { dir: string; empty: string } {
  const cache = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, prefix));
  const empty = path.join(dir, 'empty.mjs');
  writeFileSync(empty, 'export const handler = async () => ({ statusCode: 200 });\n');
  return { dir, empty };
}

/**
 * Every deployed function bundled as the stack bundles it: its size, and its module init (the
 * `import` of the bundle in a fresh Node process, median of ROUNDS) beside an empty handler's,
 * measured interleaved in the same run.
 */
export async function benchBundles(): Promise<{ functions: BundleFigure[]; emptyInitMs: number; store: StoreFigure }> {
  const { dir, empty } = scratchDir('helpdesk-bundles-');
  try {
    const store = await buildStoreProbe(dir);
    const storeSamples: Omit<StoreFigure, 'bytes' | 'coldStartMs'>[] = [];
    const bundles = [];
    for (const { name, entry, ports } of deployedEntries()) {
      const outfile = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.mjs`);
      await build({ ...esbuildOptionsOf({ entry, ports }), outfile, sourcemap: false });
      bundles.push({ name, entry, outfile, bytes: statSync(outfile).size, samples: [] as number[] });
    }
    const emptySamples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      emptySamples.push(await importMs(empty));
      storeSamples.push(await storeProbeMs(store.outfile));
      for (const bundle of bundles) bundle.samples.push(await importMs(bundle.outfile));
    }
    return {
      emptyInitMs: median(emptySamples),
      store: storeFigure(store.bytes, storeSamples),
      functions: bundles.map(({ name, entry, bytes, samples }) => ({ name, entry, bytes, initMs: median(samples) })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The composition root alone, bundled with a function's options (no optional port, as the pipe enrichment). */
async function buildStoreProbe(dir: string): Promise<{ outfile: string; bytes: number }> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const entry = path.join(dir, 'store-probe.ts');
  writeFileSync(entry, `export { awsRuntime } from ${JSON.stringify(path.join(root, 'functions/runtime'))};\n`);
  const outfile = path.join(dir, 'store-probe.mjs');
  await build({ ...esbuildOptionsOf({ entry, ports: [] }), outfile, sourcemap: false });
  return { outfile, bytes: statSync(outfile).size };
}

async function storeProbeMs(file: string): Promise<Omit<StoreFigure, 'bytes' | 'coldStartMs'>> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', STORE_PROBE, file], {
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  return JSON.parse(stdout);
}

function storeFigure(bytes: number, samples: Omit<StoreFigure, 'bytes' | 'coldStartMs'>[]): StoreFigure {
  const of = (key: keyof (typeof samples)[number]) => median(samples.map((s) => s[key]));
  return {
    bytes, initMs: of('initMs'), rootMs: of('rootMs'), firstUseMs: of('firstUseMs'), allEntitiesMs: of('allEntitiesMs'),
    coldStartMs: median(samples.map((s) => s.initMs + s.rootMs + s.firstUseMs)),
  };
}

async function importMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  return Number(stdout);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The BENCH_JSON keys of the composition root's figures (`bundles.store.*`). */
export function storeFigures(store: StoreFigure): Record<string, number> {
  return Object.fromEntries(Object.entries(store).map(([key, value]) => [`bundles.store.${key}`, value]));
}

/** Rows for the bench table: the composition root's build, then size and init ratio per function, against the targets of issue 11. */
export function bundleRows(figures: { functions: BundleFigure[]; emptyInitMs: number; store?: StoreFigure }): string[][] {
  const { store } = figures;
  const storeRows = store ? [
    [`composition root (awsRuntime + store, ${(store.bytes / 1024).toFixed(0)} KB bundled): module init, build`, `${store.initMs.toFixed(0)} ms, ${store.rootMs.toFixed(1)} ms`,
      `empty ${figures.emptyInitMs.toFixed(1)} ms`, '', '', ''],
    ['  then a first use (thread query + ticket/activity transaction: 3 entities) / every entity once', `${store.firstUseMs.toFixed(1)} ms / ${store.allEntitiesMs.toFixed(1)} ms`,
      `cold start ${store.coldStartMs.toFixed(0)} ms`, '', '', ''],
  ] : [];
  return [...storeRows, ...figures.functions.map((f) => {
    const ratio = f.initMs / figures.emptyInitMs;
    const met = f.bytes <= 500 * 1024 && ratio <= 20;
    return [`bundle ${f.name}: ${(f.bytes / 1024).toFixed(0)} KB, module init`, `${f.initMs.toFixed(0)} ms`, `empty ${figures.emptyInitMs.toFixed(1)} ms`,
      ratio.toFixed(1), '≤ 500 KB, ≤ 20×', met ? 'met' : 'MISSED'];
  })];
}

/**
 * `node --import tsx bench/bundles.ts`: the composition root's figures alone (BENCH_INIT_ROUNDS
 * fresh processes, beside an empty handler), without bundling every function.
 */
export async function benchStoreBuild(): Promise<{ store: StoreFigure; emptyInitMs: number }> {
  const { dir, empty } = scratchDir('helpdesk-store-');
  try {
    const probe = await buildStoreProbe(dir);
    const samples = [];
    const emptySamples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      emptySamples.push(await importMs(empty));
      samples.push(await storeProbeMs(probe.outfile));
    }
    return { store: storeFigure(probe.bytes, samples), emptyInitMs: median(emptySamples) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { store, emptyInitMs } = await benchStoreBuild();
  for (const row of bundleRows({ functions: [], emptyInitMs, store })) console.log(row.filter(Boolean).join('  |  '));
  console.log(JSON.stringify(storeFigures(store), null, 2));
}

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * Every deployed function bundled as the stack bundles it: its size, and its module init (the
 * `import` of the bundle in a fresh Node process, median of ROUNDS) beside an empty handler's,
 * measured interleaved in the same run.
 */
export async function benchBundles(): Promise<{ functions: BundleFigure[]; emptyInitMs: number }> {
  // Inside the repository, so a module left external (say the AWS SDK, which Lambda's runtime
  // provides) resolves to node_modules as it would to the runtime's copy, and its loading counts
  // in the module init as it does at a cold start.
  const cache = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'helpdesk-bundles-'));
  try {
    const empty = path.join(dir, 'empty.mjs');
    writeFileSync(empty, 'export const handler = async () => ({ statusCode: 200 });\n');
    const bundles = [];
    for (const { name, entry, ports } of deployedEntries()) {
      const outfile = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.mjs`);
      await build({ ...esbuildOptionsOf({ entry, ports }), outfile, sourcemap: false });
      bundles.push({ name, entry, outfile, bytes: statSync(outfile).size, samples: [] as number[] });
    }
    const emptySamples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      emptySamples.push(await importMs(empty));
      for (const bundle of bundles) bundle.samples.push(await importMs(bundle.outfile));
    }
    return {
      emptyInitMs: median(emptySamples),
      functions: bundles.map(({ name, entry, bytes, samples }) => ({ name, entry, bytes, initMs: median(samples) })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  return Number(stdout);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Rows for the bench table: size and init ratio per function, against the targets of issue 11. */
export function bundleRows(figures: { functions: BundleFigure[]; emptyInitMs: number }): string[][] {
  return figures.functions.map((f) => {
    const ratio = f.initMs / figures.emptyInitMs;
    const met = f.bytes <= 500 * 1024 && ratio <= 20;
    return [`bundle ${f.name}: ${(f.bytes / 1024).toFixed(0)} KB, module init`, `${f.initMs.toFixed(0)} ms`, `empty ${figures.emptyInitMs.toFixed(1)} ms`,
      ratio.toFixed(1), '≤ 500 KB, ≤ 20×', met ? 'met' : 'MISSED'];
  });
}

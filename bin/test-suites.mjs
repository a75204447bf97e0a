#!/usr/bin/env node
// `npm test`: the end-to-end project in one vitest process, the unit, integration and infra
// projects in another, side by side. One vitest process runs files one at a time on a two-core
// machine (its default is cores - 1 workers), and the e2e files must stay one at a time (they
// share one local runtime and its dev clock), so the others would wait behind them; in their
// own process they run while the e2e files mostly wait on I/O. Arguments (a file, a -t filter)
// run one plain vitest instead.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { createInterface } from 'node:readline';

const vitest = ['node_modules/vitest/vitest.mjs', 'run'];
const args = process.argv.slice(2);
const runs = args.length > 0
  ? [{ label: '', args }]
  : [
      { label: 'e2e', args: ['--project', 'e2e'] },
      // Lower priority: the e2e files wait on a live runtime and their timers; these use the CPU
      // it leaves idle instead of slowing it (its workers and DynamoDB Local inherit the nice value).
      { label: 'rest', args: ['--project', 'unit', '--project', 'integration', '--project', 'infra'], nice: 10 },
    ];

const children = runs.map(({ label, args: extra, nice }) => {
  const child = spawn(process.execPath, [...vitest, ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  if (nice) {
    try {
      setPriority(child.pid, nice);
    } catch {
      // not allowed here, or already gone: the run goes on at normal priority
    }
  }
  const prefix = label ? `[${label}] ` : '';
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    createInterface({ input: stream }).on('line', (line) => out.write(`${prefix}${line}\n`));
  }
  return { label, child, done: new Promise((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))) };
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => children.forEach(({ child }) => child.kill(signal)));
}

const codes = await Promise.all(children.map(({ done }) => done));
for (const [i, code] of codes.entries()) {
  if (runs[i].label) console.log(`[${runs[i].label}] vitest exited with ${code}`);
}
process.exit(codes.some((code) => code !== 0) ? 1 : 0);

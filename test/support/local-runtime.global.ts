import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { RuntimeContract } from '../../bin/local/runtime';

declare module 'vitest' {
  export interface ProvidedContext {
    runtime: RuntimeContract;
  }
}

/**
 * Starts the local runtime exactly as `npm start` does (a child process), on free ports and a
 * throw-away data folder, and hands its runtime.json to the end-to-end tests.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, HELPDESK_LOCAL_DIR: dataDir, HTTP_PORT: '0', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const contractFile = path.join(dataDir, 'runtime.json');
  await waitFor(() => existsSync(contractFile), child, () => output);
  project.provide('runtime', JSON.parse(readFileSync(contractFile, 'utf8')));
  return async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

async function waitFor(ready: () => boolean, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000;
  while (!ready()) {
    if (child.exitCode !== null) throw new Error(`the local runtime exited early:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`the local runtime did not start in time:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

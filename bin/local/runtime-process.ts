import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuntimeContract } from './runtime';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RuntimeProcess {
  child: ChildProcess;
  contract: RuntimeContract;
  output(): string;
  /** SIGINT to the runtime's process; resolves with the exit code. */
  interrupt(): Promise<number | null>;
  /** Ctrl-C in a terminal: SIGINT to the whole process group (DynamoDB Local's JVM included). */
  interruptGroup(): Promise<number | null>;
}

/**
 * Runs the local runtime the way `npm start` does, as its own process on free ports, and
 * resolves once it has written runtime.json. For tests and benchmarks.
 */
export async function startRuntimeProcess(dataDir: string, env: Record<string, string> = {}): Promise<RuntimeProcess> {
  const file = path.join(dataDir, 'runtime.json');
  rmSync(file, { force: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts'], {
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', HELPDESK_LOCAL_DIR: dataDir, HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a terminal gives a foreground job: interruptGroup() signals it all.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (!existsSync(file)) {
    if (child.exitCode !== null) throw new Error(`the local runtime exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the local runtime did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = (signal: () => void) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      signal();
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    });
  return {
    child,
    contract: JSON.parse(readFileSync(file, 'utf8')),
    output: () => output,
    interrupt: () => stop(() => child.kill('SIGINT')),
    interruptGroup: () => stop(() => process.kill(-child.pid!, 'SIGINT')),
  };
}

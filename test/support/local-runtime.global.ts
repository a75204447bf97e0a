import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startRuntimeProcess } from '../../bin/local/runtime-process';
import type { RuntimeContract } from '../../bin/local/runtime';

declare module 'vitest' {
  export interface ProvidedContext {
    runtime: RuntimeContract;
  }
}

/** The local runtime exactly as `npm start` runs it, on free ports and a throw-away folder. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-e2e-'));
  const runtime = await startRuntimeProcess(dataDir);
  project.provide('runtime', runtime.contract);
  return async () => {
    await runtime.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

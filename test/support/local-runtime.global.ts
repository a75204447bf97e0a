import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startRuntimeProcess } from '../../bin/local/runtime-process';
import type { RuntimeContract } from '../../bin/local/runtime';
import { createDynamoClients } from '../../functions/adapters/dynamodb-clients';
import { createStore } from '../../functions/domain/store/store';

declare module 'vitest' {
  export interface ProvidedContext {
    runtime: RuntimeContract;
  }
}

/** The local runtime exactly as `npm start` runs it, on free ports and a throw-away folder. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-e2e-'));
  const runtime = await startRuntimeProcess(dataDir);
  await raiseDemoCreateLimit(runtime.contract);
  project.provide('runtime', runtime.contract);
  return async () => {
    await runtime.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/**
 * Every e2e file shares this runtime and its seeded customers, so the demo organization's hourly
 * customer create limit (default 10) would let files use up each other's quota. It is raised for
 * the demo organization only; the limit itself is tested on the other organization, at its default.
 */
async function raiseDemoCreateLimit(contract: RuntimeContract) {
  const clients = createDynamoClients({ endpoint: contract.dynamodbEndpoint });
  try {
    const store = createStore(clients.document, contract.tableName);
    const { data } = await store.entities.organization.get({ orgId: contract.orgId }).go();
    const settings = (data?.settings ?? {}) as Record<string, unknown>;
    const limits = (settings.limits ?? {}) as Record<string, unknown>;
    await store.entities.organization.patch({ orgId: contract.orgId })
      .set({ settings: { ...settings, limits: { ...limits, customerTicketsPerHour: 10_000 } } }).go();
  } finally {
    clients.client.destroy();
  }
}

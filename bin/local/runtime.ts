import type { Server } from 'node:http';
import path from 'node:path';
import { resetConfig } from '../../functions/config';
import { createDynamoClients } from '../../functions/domain/store/dynamodb-client';
import { createStore } from '../../functions/domain/store/store';
import { startDynamoDbLocal } from './dynamodb-local';
import { ensureTable } from './ensure-table';
import { startHttpGateway } from './http-gateway';
import { LocalTokens } from './local-tokens';
import { DEMO_ORG, OTHER_ORG, seed } from './seed';
import { monotonicFactory } from 'ulid';
import { runningLocalAdapters } from '../../functions/adapters';
import { localEventLog } from '../../functions/adapters/event-log.local';
import { EventPump } from './event-pump';
import { QueueWorkers } from './queue-workers';
import { LOCAL_SERVICES } from './services';
import type { LocalServiceContext, RunningService } from './services/service';

export const TABLE_NAME = 'helpdesk';

/** `.local/runtime.json`: a contract. Features add facts (wsUrl, smtpPort, ...); nothing is renamed. */
export interface RuntimeContract extends Record<string, unknown> {
  httpUrl: string;
  orgId: string;
  tokens: Record<'admin' | 'supervisor' | 'agent' | 'agent2' | 'customer' | 'customer2', string>;
  otherOrg: { orgId: string; tokens: Record<'admin' | 'agent' | 'customer', string> };
  users: Record<string, { id: string; email: string; role: string }>;
  dynamodbEndpoint: string;
  tableName: string;
  dataDir: string;
  /** The agent console and customer portal (the console service). */
  consoleUrl?: string;
}

/**
 * Starts the stand-ins (DynamoDB Local, the HTTP gateway), creates the table from the shared
 * definition, seeds the demo organizations and mints tokens. Handlers are the Lambda ones.
 */
export async function startLocalRuntime(options: { rootDir: string; dataDir: string; httpPort: number }) {
  const dynamo = await startDynamoDbLocal(path.join(options.dataDir, 'dynamodb'));
  Object.assign(process.env, {
    HELPDESK_RUNTIME: 'local',
    TABLE_NAME,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    HELPDESK_LOCAL_DIR: options.dataDir,
  });
  resetConfig();
  const local = runningLocalAdapters();
  let server: Server | undefined;
  let pump: EventPump | undefined;
  let workers: QueueWorkers | undefined;
  const services: RunningService[] = [];
  const clients = createDynamoClients(dynamo.endpoint);
  try {
    await ensureTable(clients.client, TABLE_NAME);
    const ulid = monotonicFactory();
    await seed({ store: createStore(clients.document, TABLE_NAME), now: () => local.clock.now(), newId: () => ulid() });

    // Stream → rules → targets, and queues → consumers: the bus side of the system.
    pump = new EventPump({
      rootDir: options.rootDir, dataDir: options.dataDir, tableName: TABLE_NAME, dynamo: clients.client,
      endpoint: dynamo.endpoint, queues: local.queues, now: () => local.clock.now(),
    });
    pump.onEvent((event) => localEventLog.record(event));
    pump.start();
    workers = new QueueWorkers(options.rootDir, local.queues);
    workers.start();

    const tokens = await LocalTokens.open(options.dataDir);
    server = await startHttpGateway({ port: options.httpPort, tokens, rootDir: options.rootDir });
    const { port } = server.address() as { port: number };
    const httpUrl = `http://127.0.0.1:${port}`;
    const context: LocalServiceContext = {
      rootDir: options.rootDir, dataDir: options.dataDir, tableName: TABLE_NAME, dynamoEndpoint: dynamo.endpoint,
      clients, adapters: local, pump, tokens, httpUrl,
    };
    for (const service of LOCAL_SERVICES) {
      services.push(await service.start({ ...context, earlier: Object.assign({}, ...services.map((s) => s.contract ?? {})) }));
    }
    const sign = async (org: typeof DEMO_ORG, key: string) => tokens.sign(org.users.find((u) => u.key === key)!);
    const contract: RuntimeContract = {
      httpUrl,
      orgId: DEMO_ORG.orgId,
      tokens: {
        admin: await sign(DEMO_ORG, 'admin'),
        supervisor: await sign(DEMO_ORG, 'supervisor'),
        agent: await sign(DEMO_ORG, 'agent'),
        agent2: await sign(DEMO_ORG, 'agent2'),
        customer: await sign(DEMO_ORG, 'customer'),
        customer2: await sign(DEMO_ORG, 'customer2'),
      },
      otherOrg: {
        orgId: OTHER_ORG.orgId,
        tokens: { admin: await sign(OTHER_ORG, 'admin'), agent: await sign(OTHER_ORG, 'agent'), customer: await sign(OTHER_ORG, 'customer') },
      },
      users: Object.fromEntries(DEMO_ORG.users.map((u) => [u.key, { id: u.sub, email: u.email, role: u.role }])),
      dynamodbEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      dataDir: options.dataDir,
      ...Object.assign({}, ...services.map((s) => s.contract ?? {})),
    };
    const running = server;
    const extraBanner = services.flatMap((s) => s.banner ?? []);
    return {
      contract,
      banner: () => banner(contract, extraBanner),
      stop: async () => {
        await new Promise<void>((resolve) => running.close(() => resolve()));
        running.closeAllConnections?.();
        for (const service of services.reverse()) await service.stop();
        await workers?.stop();
        await pump?.stop();
        clients.client.destroy();
        await dynamo.stop();
      },
    };
  } catch (error) {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    server?.close();
    await workers?.stop();
    await pump?.stop().catch(() => undefined);
    await dynamo.stop();
    throw error;
  }
}

function banner(c: RuntimeContract, extra: string[]): string {
  const short = (token: string) => `${token.slice(0, 24)}…`;
  return [
    '',
    'Helpdesk is running locally.',
    `  API         ${c.httpUrl}/v1   (OpenAPI: ${c.httpUrl}/v1/openapi.json)`,
    `  DynamoDB    ${c.dynamodbEndpoint}  table "${c.tableName}", data in ${c.dataDir}`,
    ...extra.map((line) => `  ${line}`),
    `  Contract    ${path.join(c.dataDir, 'runtime.json')}  (URLs and full tokens for scripts)`,
    '',
    `Organization ${c.orgId}: tokens for ${Object.keys(c.tokens).join(', ')}; ${c.otherOrg.orgId}: ${Object.keys(c.otherOrg.tokens).join(', ')}.`,
    ...Object.entries(c.tokens).map(([role, token]) => `  ${role.padEnd(10)} ${short(token)}`),
    '',
    'Try it (bash):',
    `  AGENT=$(node -p "require('${path.join(c.dataDir, 'runtime.json')}').tokens.agent")`,
    `  curl -s -X POST ${c.httpUrl}/v1/tickets -H "authorization: Bearer $AGENT" -H 'content-type: application/json' \\`,
    `       -d '{"subject":"Printer on fire","description":"Smoke from tray 2","priority":"urgent","requester":{"name":"Carla","email":"carla@example.com"}}'`,
    `  curl -s "${c.httpUrl}/v1/tickets?status=new&limit=5" -H "authorization: Bearer $AGENT"`,
    `  curl -s ${c.httpUrl}/v1/tickets/by-number/TKT-${new Date().getUTCFullYear()}-000001 -H "authorization: Bearer $AGENT"`,
    '',
    'Ctrl-C stops everything; the next `npm start` finds the same data.',
  ].join('\n');
}

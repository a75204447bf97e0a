import type { Server } from 'node:http';
import path from 'node:path';
import { createDynamoClients } from '../../functions/adapters/dynamodb-clients';
import { provideRuntime } from '../../functions/runtime';
import { startDynamoDbLocal } from './dynamodb-local';
import { ensureTable } from './ensure-table';
import { EventPump } from './event-pump';
import { startHttpGateway } from './http-gateway';
import { TABLE_NAME, buildLocalRoot, localConfig } from './local-root';
import { LocalTokens } from './local-tokens';
import { setLocalWorld } from './local-world';
import { QueueWorkers } from './queue-workers';
import { DEMO_ORG, OTHER_ORG, seed } from './seed';
import { LOCAL_SERVICES } from './services';
import type { LocalServiceContext, RunningService } from './services/service';

export { TABLE_NAME } from './local-root';

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
}

/**
 * Starts the stand-ins (DynamoDB Local, the HTTP gateway), creates the table from the shared
 * definition, seeds the demo organizations and mints tokens. Handlers are the Lambda ones.
 */
export async function startLocalRuntime(options: { rootDir: string; dataDir: string; httpPort: number }) {
  const dynamo = await startDynamoDbLocal(path.join(options.dataDir, 'dynamodb'));
  let server: Server | undefined;
  let pump: EventPump | undefined;
  let workers: QueueWorkers | undefined;
  const services: RunningService[] = [];
  const clients = createDynamoClients({ endpoint: dynamo.endpoint });
  try {
    const tokens = await LocalTokens.open(options.dataDir);
    const root = buildLocalRoot({ dataDir: options.dataDir, clients, tokens, config: localConfig(dynamo.endpoint) });
    const { world, runtime } = root;
    setLocalWorld(world);
    provideRuntime(runtime);
    await ensureTable(clients.client, TABLE_NAME);
    await seed(runtime.deps);

    // Stream → rules → targets, and queues → consumers: the bus side of the system.
    pump = new EventPump({
      rootDir: options.rootDir, dataDir: options.dataDir, tableName: TABLE_NAME, dynamo: clients.client,
      endpoint: dynamo.endpoint, queues: world.queues, now: () => world.clock.now(),
    });
    pump.onEvent((event) => world.events.record(event));
    world.events.onRedeliver((event) => pump!.redeliver(event));
    pump.start();
    workers = new QueueWorkers(options.rootDir, world.queues);
    workers.start();

    server = await startHttpGateway({ port: options.httpPort, tokens, rootDir: options.rootDir });
    const { port } = server.address() as { port: number };
    const httpUrl = `http://127.0.0.1:${port}`;
    const context: LocalServiceContext = {
      rootDir: options.rootDir, dataDir: options.dataDir, tableName: TABLE_NAME, dynamoEndpoint: dynamo.endpoint,
      clients, world, runtime, connections: root.connections, pump, tokens, httpUrl,
    };
    for (const service of LOCAL_SERVICES) services.push(await service.start(context));
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

import type { Server } from 'node:http';
import path from 'node:path';
import { createDynamoClients } from '../../functions/adapters/dynamodb-clients';
import { provideRuntime } from '../../functions/runtime';
import { meterLocalRuntime } from './capacity/local-capacity';
import { startDynamoDbLocal } from './dynamodb-local';
import { ensureTable } from './ensure-table';
import { EventPump } from './event-pump';
import { startHttpGateway } from './http-gateway';
import { TABLE_NAME, buildLocalRoot, localConfig } from './local-root';
import { LocalTokens } from './local-tokens';
import { type LocalWorld, setLocalWorld } from './local-world';
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
  /** The agent console and customer portal (the console service). */
  consoleUrl?: string;
}

/**
 * Starts the stand-ins (DynamoDB Local, the HTTP gateway), creates the table from the shared
 * definition, seeds the demo organizations and mints tokens. Handlers are the Lambda ones.
 */
export async function startLocalRuntime(options: {
  rootDir: string; dataDir: string; httpPort: number;
  /** The longest batching window a queue worker waits (default LOCAL_BATCHING_WINDOW_CAP_SECONDS). */
  batchingWindowCapSeconds?: number;
}) {
  const dynamo = await startDynamoDbLocal(path.join(options.dataDir, 'dynamodb'));
  let server: Server | undefined;
  let pump: EventPump | undefined;
  let workers: QueueWorkers | undefined;
  const services: RunningService[] = [];
  const clients = createDynamoClients({ endpoint: dynamo.endpoint });
  // Every call on the runtime's client is metered (GET /v1/dev/capacity); the second client
  // reads transactions' item images for it, unmetered, when asked to (POST /v1/dev/capacity).
  const images = createDynamoClients({ endpoint: dynamo.endpoint });
  meterLocalRuntime(clients.client, images.client);
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
      endpoint: dynamo.endpoint, queues: world.queues, retries: world.eventRetries, now: () => world.clock.now(),
    });
    pump.onEvent((event) => world.events.record(event));
    // A redelivery answers once its targets took it: a queue target's consumer too, so a test
    // that redelivers then reads sees what the consumer did with the copy.
    world.events.onRedeliver(async (event) => {
      const sent = await pump!.redeliver(event);
      if (sent.length && !(await workers!.consumed(sent, Date.now() + REDELIVERY_WAIT_MS))) {
        console.error(`redelivery of ${event.detail.id}: its queue consumers had not taken it after ${REDELIVERY_WAIT_MS} ms`);
      }
    });
    pump.start();
    workers = new QueueWorkers(options.rootDir, world.queues, undefined, options.batchingWindowCapSeconds);
    workers.start();

    // The console (a service started later) calls the API from its own origin, as the stack's corsOrigins allows in AWS.
    const corsOrigins: string[] = [];
    server = await startHttpGateway({ port: options.httpPort, tokens, rootDir: options.rootDir, corsOrigins: () => corsOrigins });
    const { port } = server.address() as { port: number };
    const httpUrl = `http://127.0.0.1:${port}`;
    const context: LocalServiceContext = {
      rootDir: options.rootDir, dataDir: options.dataDir, tableName: TABLE_NAME, dynamoEndpoint: dynamo.endpoint,
      clients, world, runtime, connections: root.connections, pump, tokens, httpUrl,
    };
    for (const service of LOCAL_SERVICES) {
      const started = await service.start({ ...context, earlier: Object.assign({}, ...services.map((s) => s.contract ?? {})) });
      if (typeof started.contract?.consoleUrl === 'string') corsOrigins.push(started.contract.consoleUrl);
      services.push(started);
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
    const running = { server, pump, workers };
    const extraBanner = services.flatMap((s) => s.banner ?? []);
    let stopped: Promise<void> | undefined;
    return {
      contract,
      banner: () => banner(contract, [...extraBanner, ...deadLetterBanner(world)]),
      /**
       * An orderly stop: intake first (HTTP, then the WebSocket and SMTP servers), then the
       * background work (timers), then what is in flight drains (stream events to their rules,
       * queues to their consumers), and storage stops last, so nothing in flight fails for the
       * shutdown's sake. What is still pending at the deadline stays on disk for the next start.
       */
      stop: () =>
        (stopped ??= (async () => {
          await new Promise<void>((resolve) => {
            running.server.close(() => resolve());
            running.server.closeAllConnections?.();
          });
          const intake = services.filter((s) => !s.background).reverse();
          for (const service of intake) await service.stop().catch((e: Error) => console.error(`stopping: ${e.message}`));
          for (const service of services.filter((s) => s.background)) await service.stop().catch((e: Error) => console.error(`stopping: ${e.message}`));
          await drain(running.pump, running.workers, Date.now() + DRAIN_MS);
          await running.pump.stop();
          await running.workers.stop();
          clients.client.destroy();
          images.client.destroy();
          await dynamo.stop();
        })()),
    };
  } catch (error) {
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    server?.close();
    await workers?.stop();
    await pump?.stop().catch(() => undefined);
    images.client.destroy();
    await dynamo.stop();
    throw error;
  }
}

/**
 * How long a stop waits for in-flight events and queue messages. What is left is not lost: the
 * stream checkpoint and the queue files keep it for the next start.
 */
const DRAIN_MS = 8_000;

/** How long a redelivery waits for its queue consumers before it answers anyway. */
const REDELIVERY_WAIT_MS = 60_000;

/** Rounds of pump then queues until a round finds both idle: a consumer's writes make new events. */
async function drain(pump: EventPump, workers: QueueWorkers, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const delivered = await pump.drain(deadline);
    const handled = await workers.drain(deadline);
    if (!delivered && !handled) return;
  }
}

function deadLetterBanner(world: LocalWorld): string[] {
  const count = world.deadLetters.count();
  if (!count) return [];
  return [`Dead letters ${count} set aside after failing for too long: GET /v1/dev/dead-letters (admin: POST to replay); files in README "Dead letters"`];
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
    'Ctrl-C (or SIGTERM) stops everything in order; the next `npm start` finds the same data.',
  ].join('\n');
}

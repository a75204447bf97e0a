import { monotonicFactory } from 'ulid';
import { NodeWebhookPoster } from '../../functions/adapters/webhook-poster.http';
import type { DynamoClients } from '../../functions/adapters/dynamodb-clients';
import { type Config, GRAPH_API_DEFAULT_URL } from '../../functions/config';
import type { Ports } from '../../functions/domain/ports';
import { createStore } from '../../functions/domain/store/store';
import type { Runtime } from '../../functions/runtime';
import { LocalDeadLetters } from './adapters/dead-letters';
import { localEventLog } from './adapters/event-log';
import { EventRetries } from './adapters/event-retries';
import { LocalAttachmentStore } from './adapters/local-attachment-store';
import { localBedrockAssist } from './adapters/local-bedrock';
import { LocalClock } from './adapters/local-clock';
import { LocalGraphApi } from './adapters/local-graph-api';
import { LocalSecretBox } from './adapters/local-secret-box';
import { LocalConnectionPoster } from './adapters/local-connection-poster';
import { LocalLinkSigner } from './adapters/local-link-signer';
import { LocalMailSender } from './adapters/local-mail-sender';
import { LocalObjectStore } from './adapters/local-object-store';
import { LocalQueues } from './adapters/local-queues';
import { LocalScheduler } from './adapters/local-scheduler';
import { localStateDir } from './adapters/local-state';
import { LocalTokenVerifier } from './adapters/local-token-verifier';
import type { LocalTokens } from './local-tokens';
import type { LocalWorld } from './local-world';

export const TABLE_NAME = 'helpdesk';
/** The attachments bucket of the local S3 stand-in (bin/local/services/attachments.ts). */
export const LOCAL_ATTACHMENTS_BUCKET = 'helpdesk-attachments';

/** The local runtime's configuration: what CDK would set in AWS, for this machine. */
export function localConfig(dynamodbEndpoint: string): Config {
  return {
    tableName: TABLE_NAME,
    region: 'local',
    dynamodbEndpoint,
    idempotencyTtlSeconds: 86_400,
    mail: {},
    attachments: { bucket: LOCAL_ATTACHMENTS_BUCKET },
    queueUrls: {},
    // The API's URL is known once the gateway listens (the email service fills it in).
    links: {},
    // Webhook receivers in development are servers on this machine.
    webhookNetwork: { allowHttp: true, allowPrivateAddresses: true },
    meta: { graphApiBaseUrl: GRAPH_API_DEFAULT_URL },
  };
}

export interface LocalRoot {
  runtime: Runtime;
  world: LocalWorld;
  connections: LocalConnectionPoster;
}

/**
 * The local composition root: the stand-ins under `dataDir`, wired as the domain's ports, and the
 * same `Runtime` shape the AWS root builds. The caller hands `runtime` to `provideRuntime`.
 */
export function buildLocalRoot(options: { dataDir: string; clients: DynamoClients; tokens: LocalTokens; config: Config }): LocalRoot {
  const { dataDir, clients, tokens, config } = options;
  const clock = new LocalClock(dataDir);
  const queues = new LocalQueues(dataDir, clock);
  const scheduler = new LocalScheduler(dataDir, clock);
  const eventRetries = new EventRetries(dataDir, clock);
  const world: LocalWorld = {
    dataDir,
    clock,
    queues,
    scheduler,
    outbox: new LocalMailSender(localStateDir(dataDir, 'outbox'), () => clock.now()),
    objects: new LocalObjectStore(localStateDir(dataDir, 'objects')),
    events: localEventLog,
    eventRetries,
    deadLetters: new LocalDeadLetters(eventRetries, queues, scheduler),
    attachments: new LocalAttachmentStore(),
    graph: new LocalGraphApi(dataDir, clock),
  };
  const connections = new LocalConnectionPoster();
  const ports: Ports = {
    clock,
    queues: world.queues,
    timers: world.scheduler,
    recurring: world.scheduler,
    mail: world.outbox,
    objects: world.objects,
    tokens: new LocalTokenVerifier(tokens),
    webhooks: new NodeWebhookPoster({ policy: config.webhookNetwork }),
    connections,
    captcha: null, // off locally: the form needs no widget on this machine
    attachments: world.attachments,
    links: new LocalLinkSigner(dataDir),
    secrets: new LocalSecretBox(dataDir),
    graph: world.graph,
    assist: localBedrockAssist(dataDir, clock),
  };
  const ulid = monotonicFactory();
  const runtime: Runtime = {
    config,
    deps: { store: createStore(clients.document, config.tableName), now: () => clock.now(), newId: () => ulid() },
    ports,
    dynamo: clients.client,
  };
  return { runtime, world, connections };
}

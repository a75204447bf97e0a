import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { monotonicFactory } from 'ulid';
import { BedrockHostedAssist } from './adapters/assist.bedrock';
import { S3AttachmentStore } from './adapters/attachment-store.s3';
import { ApiGatewayConnectionPoster } from './adapters/connection-poster.apigw';
import { createDynamoClients } from './adapters/dynamodb-clients';
import { HttpGraphApi } from './adapters/graph-api.http';
import { SsmKeyMaterial } from './adapters/key-material.ssm';
import { SsmSecretString } from './adapters/secret-string.ssm';
import { HmacLinkSigner } from './adapters/link-signer.hmac';
import { SesMailSender } from './adapters/mail-sender.ses';
import { S3ObjectStore } from './adapters/object-store.s3';
import { SqsQueueSender } from './adapters/queue-sender.sqs';
import { AesSecretBox } from './adapters/secret-box.aes';
import { EventBridgeRecurringScheduler, EventBridgeTimerScheduler } from './adapters/timer-scheduler.eventbridge';
import { CognitoTokenVerifier } from './adapters/token-verifier.cognito';
import { NodeWebhookPoster } from './adapters/webhook-poster.http';
import { SiteverifyCaptcha } from './adapters/captcha.siteverify';
import './bundled-ports';
import { type Config, ENV, loadConfig } from './config';
import type { Ports } from './domain/ports';
import { type Deps, createStore } from './domain/store/store';

/**
 * What every handler runs on: the configuration, the domain's dependencies (store, clock, ids)
 * and its ports. Built once per container by a composition root: `awsRuntime` here in Lambda,
 * `bin/local/local-root.ts` in the local runtime, which hands its own to `provideRuntime`.
 */
export interface Runtime {
  config: Config;
  deps: Deps;
  ports: Ports;
  /** The low-level client, for Powertools idempotency's persistence layer. */
  dynamo: DynamoDBClient;
}

let current: Runtime | undefined;

/** The local runtime (and tests) hand the handlers their own world before the first invocation. */
export function provideRuntime(runtime: Runtime): void {
  current = runtime;
}

/** This container's runtime: the provided one, else the AWS one, built on first use. */
export function runtime(): Runtime {
  current ??= awsRuntime();
  return current;
}

/**
 * The AWS composition root: the only reader of the environment (through `loadConfig`). Ports
 * are built on first use, so a function that never sends mail never creates an SES client, and
 * a setting a function was not given (its manifest does not `need` it) fails with its name.
 */
export function awsRuntime(env?: Record<string, string | undefined>): Runtime {
  const config = loadConfig(env);
  const dynamo = createDynamoClients();
  const now = () => new Date();
  // Each `globalThis.HELPDESK_WITHOUT_*` is replaced by `true` in the bundles of functions that
  // lack that port (functions/bundled-ports.ts), so esbuild drops the adapter and its SDK client.
  const ports = lazyPorts({
    clock: () => ({ now }),
    queues: () => globalThis.HELPDESK_WITHOUT_QUEUES !== true
      ? new SqsQueueSender(new SQSClient({}), config.queueUrls) : notBundled('queues', 'queues'),
    timers: () => globalThis.HELPDESK_WITHOUT_TIMERS !== true
      ? new EventBridgeTimerScheduler(new SchedulerClient({}), required(config.schedules, ENV.scheduleGroup)) : notBundled('timers', 'scheduler'),
    recurring: () => globalThis.HELPDESK_WITHOUT_TIMERS !== true
      ? new EventBridgeRecurringScheduler(new SchedulerClient({}), required(config.schedules, ENV.scheduleGroup)) : notBundled('recurring', 'scheduler'),
    mail: () => globalThis.HELPDESK_WITHOUT_MAIL !== true
      ? new SesMailSender(new SESv2Client({}), config.mail.configurationSet) : notBundled('mail', 'mail-send'),
    objects: () => globalThis.HELPDESK_WITHOUT_OBJECTS !== true
      ? new S3ObjectStore(new S3Client({}), required(config.mail.bucket, ENV.mailBucket)) : notBundled('objects', 'mail-bucket'),
    tokens: () => globalThis.HELPDESK_WITHOUT_TOKENS !== true
      ? new CognitoTokenVerifier(required(config.cognito, ENV.userPoolId)) : notBundled('tokens', 'the Cognito pool ($connect)'),
    webhooks: () => new NodeWebhookPoster({ policy: config.webhookNetwork }),
    connections: () => globalThis.HELPDESK_WITHOUT_CONNECTIONS !== true
      ? new ApiGatewayConnectionPoster(
        new ApiGatewayManagementApiClient({ endpoint: required(config.websocketEndpoint, ENV.websocketEndpoint), maxAttempts: 2 }),
      ) : notBundled('connections', 'websocket-post'),
    // Only the functions with the 'captcha' capability bundle the verifier and its SSM client.
    captcha: () => (config.captcha
      ? globalThis.HELPDESK_WITHOUT_CAPTCHA !== true
        ? new SiteverifyCaptcha(config.captcha.provider, config.captcha.siteKey, captchaSecretOf(config.captcha)) : notBundled('captcha', 'captcha')
      : null),
    attachments: () => globalThis.HELPDESK_WITHOUT_ATTACHMENTS !== true
      ? new S3AttachmentStore(new S3Client({}), required(config.attachments.bucket, ENV.attachmentsBucket)) : notBundled('attachments', 'attachments'),
    links: () => globalThis.HELPDESK_WITHOUT_LINKS !== true
      ? new HmacLinkSigner(keyFrom(required(config.links.signingKeyId, ENV.linkSigningKeyId))) : notBundled('links', 'link-signing'),
    secrets: () => globalThis.HELPDESK_WITHOUT_SECRETS !== true
      ? new AesSecretBox(keyFrom(required(config.meta.secretsKeyId, ENV.metaSecretsKeyId))) : notBundled('secrets', 'meta-secrets'),
    graph: () => new HttpGraphApi({ baseUrl: config.meta.graphApiBaseUrl }),
    assist: () => globalThis.HELPDESK_WITHOUT_ASSIST !== true
      ? new BedrockHostedAssist(new BedrockRuntimeClient({ maxAttempts: 2, region: config.assist?.bedrockRegion })) : notBundled('assist', 'bedrock'),
  });
  return { config, deps: domainDeps(config, dynamo.document, now), ports, dynamo: dynamo.client };
}

/** Key material in an SSM SecureString parameter (the AWS managed key: no idle cost), read once per container. */
function captchaSecretOf(captcha: NonNullable<Config['captcha']>): string | (() => Promise<string>) {
  if (captcha.secret) return captcha.secret;
  const parameter = new SsmSecretString(new SSMClient({}), captcha.secretParameter!);
  return () => parameter.value();
}

function keyFrom(parameterName: string): () => Promise<Buffer> {
  const material = new SsmKeyMaterial(new SSMClient({}), parameterName);
  return () => material.key();
}

/** Store, clock and id source for the use cases. */
export function domainDeps(config: Config, document: Parameters<typeof createStore>[0], now: () => Date): Deps {
  const ulid = monotonicFactory();
  return { store: createStore(document, config.tableName), now, newId: () => ulid() };
}

/** Ports whose adapters are built on first access, then kept. */
export function lazyPorts(factories: { [K in keyof Ports]: () => Ports[K] }): Ports {
  const built: Partial<Ports> = {};
  const ports = {} as Ports;
  for (const name of Object.keys(factories) as (keyof Ports)[]) {
    Object.defineProperty(ports, name, {
      enumerable: true,
      get: () => (built[name] ??= factories[name]() as never),
    });
  }
  return ports;
}

function notBundled(port: string, need: string): never {
  throw new Error(`this function's bundle has no ${port} adapter: add '${need}' to its manifest entry's needs`);
}

function required<T>(value: T | undefined, variable: string): T {
  if (value === undefined) throw new Error(`${variable} is not set: add the capability that provides it to this function's manifest entry`);
  return value;
}

import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { ENV } from '../../functions/config';
import type { Capability } from '../../functions/manifest/spec';
import type { HandlerFunction } from './handler-function';

/** Grants one capability to one handler: its IAM statements and its environment variables. */
export type CapabilityGrant = (handler: HandlerFunction) => void;

/** What the email construct hands over for 'mail-send' and 'mail-bucket'. */
export interface MailCapabilitySource {
  /** The SES domain identities mail is sent from; `ses:SendEmail` is limited to them. */
  readonly mailDomains: readonly string[];
  /** MAIL_FROM_DOMAIN. @default the first of `mailDomains` */
  readonly fromDomain?: string;
  /** The raw MIME and attachments bucket (MAIL_BUCKET). @default - 'mail-bucket' is not provided */
  readonly bucket?: IBucket;
  /** An SES configuration set the sender names (SES_CONFIGURATION_SET). @default - none */
  readonly configurationSetName?: string;
}

/** What the WebSocket construct hands over for 'websocket-post': an API Gateway WebSocket stage. */
export interface WebSocketCapabilitySource {
  readonly api: { readonly apiId: string };
  readonly stageName: string;
  /** `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`: the `@connections` endpoint. */
  readonly callbackUrl: string;
}

const WHO_PROVIDES: Record<Capability, string> = {
  queues: 'the manifest has no queues (functions/manifest/queues.ts)',
  scheduler: 'add the Timers construct (lib/constructs/timers.ts)',
  eventbus: 'add the EventBus construct (lib/constructs/event-bus.ts)',
  'mail-send': 'hand the mail construct to capabilities.provideMail()',
  'mail-bucket': 'hand the mail construct, with its bucket, to capabilities.provideMail()',
  'websocket-post': 'hand the WebSocket stage to capabilities.provideWebSocket()',
  attachments: 'add the HelpdeskAttachments construct with these capabilities (lib/constructs/attachments.ts)',
  'link-signing': 'add the MailLinks construct (lib/constructs/mail-links.ts)',
  'public-urls': 'add the MailLinks construct (lib/constructs/mail-links.ts)',
  'meta-secrets': 'add the MetaChannels construct (lib/constructs/meta-channels.ts)',
  'attachments-erase': 'add the HelpdeskAttachments construct with these capabilities (lib/constructs/attachments.ts)',
  'mail-bucket-erase': 'hand the mail construct, with its bucket, to capabilities.provideMail()',
  bedrock: 'add the Assist grant (lib/constructs/assist.ts)',
  captcha: 'add the WebFormCaptcha construct (lib/constructs/web-form-captcha.ts)',
};

/**
 * The one place where a manifest's `needs` become IAM grants and environment variables.
 * Constructs that own a resource `provide` the capability; every function made from a manifest
 * entry is passed to `grant` with its needs. Order does not matter: a need whose capability is
 * provided later is granted then. A need that nothing ever provides fails the synth, naming the
 * function, rather than deploying a function that lacks its permission.
 */
export class Capabilities extends Construct {
  private readonly providers = new Map<Capability, CapabilityGrant>();
  private readonly waiting: { handler: HandlerFunction; capability: Capability }[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({
      validate: () => this.waiting.map(({ handler, capability }) =>
        `${handler.node.path} needs '${capability}', but nothing provides it: ${WHO_PROVIDES[capability]}`),
    });
  }

  /** Whether something provides `capability` (so far). */
  has(capability: Capability): boolean {
    return this.providers.has(capability);
  }

  /** Registers what `capability` means; functions already waiting for it get it now. */
  provide(capability: Capability, grant: CapabilityGrant): void {
    if (this.providers.has(capability)) throw new Error(`capability '${capability}' is provided twice`);
    this.providers.set(capability, grant);
    for (const entry of this.waiting.filter((w) => w.capability === capability)) {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      grant(entry.handler);
    }
  }

  /** Grants each of `needs` to `handler`, now or as soon as it is provided. */
  grant(handler: HandlerFunction, needs: readonly Capability[] = []): void {
    for (const capability of new Set(needs)) {
      const grant = this.providers.get(capability);
      if (grant) grant(handler);
      else this.waiting.push({ handler, capability });
    }
  }

  /** 'mail-send': SendEmail from the given domains' identities; 'mail-bucket' when there is a bucket. */
  provideMail(source: MailCapabilitySource): void {
    if (source.mailDomains.length === 0) throw new Error('provideMail needs at least one mail domain');
    const stack = Stack.of(this);
    const identities = source.mailDomains.map((domain) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain }));
    const configurationSets = source.configurationSetName
      ? [stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: source.configurationSetName })]
      : [];
    this.provide('mail-send', (handler) => {
      handler.role.addToPrincipalPolicy(new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [...identities, ...configurationSets],
      }));
      handler.function.addEnvironment(ENV.mailFromDomain, source.fromDomain ?? source.mailDomains[0]);
      if (source.configurationSetName) handler.function.addEnvironment(ENV.sesConfigurationSet, source.configurationSetName);
    });
    const { bucket } = source;
    if (bucket) {
      this.provide('mail-bucket', (handler) => {
        // Objects only, spelt out: grantReadWrite would add s3:List* and s3:DeleteObject* wildcards.
        handler.role.addToPrincipalPolicy(new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [bucket.arnForObjects('*')],
        }));
        bucket.encryptionKey?.grant(handler.role, 'kms:Decrypt', 'kms:GenerateDataKey');
        handler.function.addEnvironment(ENV.mailBucket, bucket.bucketName);
        acknowledgeWildcard(handler, bucket.arnForObjects('*'), 'Objects of the mail bucket: raw MIME and attachments, keyed by message.');
      });
      // Privacy erasure deletes a requester's raw mails: DeleteObject alone, for the one function that erases.
      this.provide('mail-bucket-erase', (handler) => {
        handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [bucket.arnForObjects('*')] }));
        handler.function.addEnvironment(ENV.mailBucket, bucket.bucketName);
        acknowledgeWildcard(handler, bucket.arnForObjects('*'), 'Raw mails of an erased requester, keyed by message.');
      });
    }
  }

  /** 'websocket-post': post to, read and close any connection of the stage; the endpoint in the environment. */
  provideWebSocket(source: WebSocketCapabilitySource): void {
    const connections = Stack.of(this).formatArn({
      service: 'execute-api',
      resource: source.api.apiId,
      resourceName: `${source.stageName}/*/@connections/*`,
    });
    this.provide('websocket-post', (handler) => {
      handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [connections] }));
      handler.function.addEnvironment(ENV.websocketEndpoint, source.callbackUrl);
      acknowledgeWildcard(handler, connections,
        'Connection ids are assigned by API Gateway at connect time; the grant is limited to this stage\'s @connections.');
    });
  }
}

/**
 * Acknowledges the cdk-nag wildcard finding of exactly one resource on the handler's policy
 * (cdk-nag names a finding by the resource as it flattens it, e.g. `<Logical.Arn>/*`).
 */
export function acknowledgeWildcard(handler: HandlerFunction, resource: string, reason: string): void {
  const flat = flattenCfnReference(Stack.of(handler).resolve(resource));
  Validations.of(handler.role.node.findChild('DefaultPolicy')).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
}

import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { Alarms } from './constructs/alarms';
import { HelpdeskAttachments } from './constructs/attachments';
import { Capabilities } from './constructs/capabilities';
import { ConsoleHosting, type ConsoleHostingProps } from './constructs/console-hosting';
import { DataTable } from './constructs/data-table';
import { EventBus } from './constructs/event-bus';
import { EventRules } from './constructs/event-rules';
import { ExecutionRoles } from './constructs/execution-roles';
import { HelpdeskApi } from './constructs/http-api';
import { Identity } from './constructs/identity';
import { HelpdeskMail } from './constructs/mail';
import { MailLinks } from './constructs/mail-links';
import type { ManifestFunctionDefaults } from './constructs/manifest-function';
import { MetaChannels } from './constructs/meta-channels';
import { Assist } from './constructs/assist';
import { WebFormCaptcha, type WebFormCaptchaProps } from './constructs/web-form-captcha';
import { ManifestQueues } from './constructs/queues';
import { RouteFunctions } from './constructs/route-functions';
import { Timers } from './constructs/timers';
import { HelpdeskWebSocketApi } from './constructs/websocket-api';

export interface HelpdeskProps {
  /**
   * What happens to stateful resources (table, user pool, log groups, keys) when they leave
   * the stack. DESTROY suits throwaway environments.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * DynamoDB and Cognito deletion protection.
   * @default true when `removalPolicy` is RETAIN, otherwise false
   */
  readonly deletionProtection?: boolean;
  /**
   * How long function and access logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * An address subscribed to the alarm topic (it must confirm the subscription).
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * Origins a browser may call the API from.
   * @default [] (CORS off)
   */
  readonly corsOrigins?: string[];
  /**
   * Stage-wide API throttling, requests per second.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttle?: ThrottleSettings;
  /**
   * Let anyone sign up (they get no role or organization until an admin assigns them).
   * @default false
   */
  readonly selfSignUp?: boolean;
  /**
   * Cognito threat protection (Plus feature plan, billed per monthly active user).
   * @default false
   */
  readonly threatProtection?: boolean;
  /**
   * A customer managed key for the table (needs a stack with a concrete `env.region`).
   * @default - the AWS managed key `aws/dynamodb`
   */
  readonly tableEncryptionKey?: IKey;
  /**
   * How long a creating request's `Idempotency-Key` is remembered.
   * @default Duration.hours(24)
   */
  readonly idempotencyTtl?: Duration;
  /**
   * The agent console and customer portal (S3 + CloudFront, Cognito hosted UI): a custom
   * domain and certificate, a WAF web ACL, the hosted UI's domain prefix.
   * @default - on the distribution's own domain, hosted UI at `helpdesk-<account>`
   */
  readonly console?: ConsoleHostingProps & { readonly hostedUiDomainPrefix?: string };
  /**
   * A CAPTCHA on the public web form (Turnstile or hCaptcha), its secret in an SSM SecureString.
   * @default - none
   */
  readonly captcha?: WebFormCaptchaProps['captcha'];
}

/**
 * The whole Helpdesk as one construct, so another CDK app can embed it:
 * `new Helpdesk(this, 'Helpdesk', { alarmEmail: 'ops@example.com' })`.
 */
export class Helpdesk extends Construct {
  readonly data: DataTable;
  readonly identity: Identity;
  readonly alarms: Alarms;
  readonly handlers: RouteFunctions;
  readonly http: HelpdeskApi;
  /** Where manifest `needs` become grants; feature constructs `provide` what they own. */
  readonly capabilities: Capabilities;
  readonly events: EventBus;
  readonly queues: ManifestQueues;
  readonly rules: EventRules;
  readonly timers: Timers;
  /** Real time: the WebSocket API; it provides 'websocket-post' (grantManageConnections, managementEndpoint). */
  readonly realtime: HelpdeskWebSocketApi;
  /** The agent console and customer portal, served by CloudFront. */
  readonly console: ConsoleHosting;
  /** Files on tickets: the attachments bucket; it provides 'attachments'. */
  readonly attachments: HelpdeskAttachments;
  /** WhatsApp/Instagram: the secrets key ('meta-secrets') and Meta's webhook Function URLs. */
  readonly meta: MetaChannels;

  constructor(scope: Construct, id: string, props: HelpdeskProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const deletionProtection = props.deletionProtection ?? removalPolicy === RemovalPolicy.RETAIN;
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;

    this.data = new DataTable(this, 'Data', {
      removalPolicy,
      deletionProtection,
      encryptionKey: props.tableEncryptionKey,
    });
    // The console first: its URL is the hosted UI's callback and an allowed CORS origin.
    this.console = new ConsoleHosting(this, 'Console', { removalPolicy, ...props.console });
    this.identity = new Identity(this, 'Identity', {
      consoleUrls: [`${this.console.url}/`],
      hostedUiDomainPrefix: props.console?.hostedUiDomainPrefix,
      removalPolicy,
      deletionProtection,
      selfSignUp: props.selfSignUp,
      threatProtection: props.threatProtection,
    });
    this.alarms = new Alarms(this, 'Alarms', { email: props.alarmEmail, removalPolicy });
    this.capabilities = new Capabilities(this, 'Capabilities');
    // One role and log group per permission set rather than per function: it keeps the stack far
    // under CloudFormation's 500 resources (README, "Deploy").
    const executionRoles = new ExecutionRoles(this, 'ExecutionRoles', { logRetention, removalPolicy });
    // What every function made from a manifest entry shares.
    const functions: ManifestFunctionDefaults = {
      table: this.data.table,
      alarms: this.alarms,
      capabilities: this.capabilities,
      logRetention,
      removalPolicy,
      idempotencyTtl: props.idempotencyTtl,
      executionRoles,
    };
    this.handlers = new RouteFunctions(this, 'HttpHandlers', functions);
    this.http = new HelpdeskApi(this, 'HttpApi', {
      functions: this.handlers.functions,
      issuer: this.identity.issuer,
      audience: [this.identity.client.userPoolClientId],
      alarms: this.alarms,
      corsOrigins: [...(props.corsOrigins ?? []), this.console.url],
      throttle: props.throttle,
      logRetention,
      removalPolicy,
    });

    // The outbox and its consumers, all from the manifests (functions/manifest/).
    this.events = new EventBus(this, 'Events', { ...functions, table: this.data.table });
    this.queues = new ManifestQueues(this, 'Queues', functions);
    this.rules = new EventRules(this, 'Rules', { ...functions, bus: this.events.bus, queues: this.queues });
    this.timers = new Timers(this, 'Timers', functions);

    // Feature constructs (one line each) go below; what they own for manifest `needs` is handed
    // to this.capabilities (provideMail, provideWebSocket, or provide) in the same line or the next.
    this.realtime = new HelpdeskWebSocketApi(this, 'Realtime', { ...functions, userPoolId: this.identity.userPool.userPoolId, userPoolClientId: this.identity.client.userPoolClientId });
    this.attachments = new HelpdeskAttachments(this, 'Attachments', { removalPolicy, capabilities: this.capabilities, corsOrigins: [...(props.corsOrigins ?? []), this.console.url] }); // the console uploads and downloads from its origin
    new HelpdeskMail(this, 'Mail', { removalPolicy, capabilities: this.capabilities, inboundQueue: this.queues.queues['email-inbound']?.queue }); // provides 'mail-send', 'mail-bucket'
    new MailLinks(this, 'MailLinks', { removalPolicy, capabilities: this.capabilities, apiUrl: this.http.url }); // provides 'link-signing', 'public-urls'
    this.console.deploy({
      apiUrl: this.http.url,
      wsUrl: this.realtime.url,
      auth: {
        kind: 'cognito', domain: this.identity.domain!.baseUrl(), clientId: this.identity.client.userPoolClientId,
        redirectUri: `${this.console.url}/`, scopes: Identity.CONSOLE_SCOPES,
      },
    }, { logRetention, removalPolicy });
    this.meta = new MetaChannels(this, 'Meta', functions); // provides 'meta-secrets'; Meta's webhook Function URLs
    new Assist(this, 'Assist', { capabilities: this.capabilities }); // provides 'bedrock' (knowledge base and assist)
    new WebFormCaptcha(this, 'WebFormCaptcha', { capabilities: this.capabilities, captcha: props.captcha }); // provides 'captcha'
  }
}

export interface HelpdeskStackProps extends StackProps, HelpdeskProps {}

/** The deployable stack: the Helpdesk construct and the outputs a client needs. */
export class HelpdeskStack extends Stack {
  readonly helpdesk: Helpdesk;

  constructor(scope: Construct, id: string, props: HelpdeskStackProps = {}) {
    super(scope, id, props);
    this.helpdesk = new Helpdesk(this, 'Helpdesk', props);
    const { http, identity, data, alarms } = this.helpdesk;
    new CfnOutput(this, 'ApiUrl', { value: http.url, description: 'HTTP API base URL (routes under /v1)' });
    new CfnOutput(this, 'ConsoleUrl', { value: this.helpdesk.console.url, description: 'Agent console and customer portal (sign in with a Cognito user)' });
    new CfnOutput(this, 'WebSocketUrl', { value: this.helpdesk.realtime.url, description: 'WebSocket URL (connect with ?token=<ID token>)' });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.helpdesk.events.bus.eventBusName, description: 'Ticket events (source helpdesk.tickets)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
  }
}

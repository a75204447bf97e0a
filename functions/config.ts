import * as z from 'zod';

/**
 * The environment variables a deployed function reads, by name. CDK (lib/) imports these to set
 * them, so the stack sets exactly what the code reads. The local runtime sets none of them: it
 * builds its `Config` directly (bin/local/local-root.ts).
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  region: 'AWS_REGION',
  idempotencyTtlSeconds: 'IDEMPOTENCY_TTL_SECONDS',
  mailBucket: 'MAIL_BUCKET',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  mailFromDomain: 'MAIL_FROM_DOMAIN',
  scheduleGroup: 'SCHEDULE_GROUP',
  scheduleTargetArn: 'SCHEDULE_TARGET_ARN',
  scheduleRoleArn: 'SCHEDULE_ROLE_ARN',
  scheduleDeadLetterArn: 'SCHEDULE_DLQ_ARN',
  websocketEndpoint: 'WEBSOCKET_MANAGEMENT_ENDPOINT',
  userPoolId: 'COGNITO_USER_POOL_ID',
  userPoolClientId: 'COGNITO_CLIENT_ID',
  eventBusName: 'EVENT_BUS_NAME',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  captchaProvider: 'CAPTCHA_PROVIDER',
  captchaSiteKey: 'CAPTCHA_SITE_KEY',
  captchaSecret: 'CAPTCHA_SECRET',
  /** The SSM SecureString parameter holding the CAPTCHA secret (deployed; CAPTCHA_SECRET is for other hosts). */
  captchaSecretParameter: 'CAPTCHA_SECRET_PARAMETER',
  metaSecretsKeyId: 'META_SECRETS_KEY_ID',
  /** The region of Amazon Bedrock for organizations that choose a hosted assistant ('bedrock'). */
  bedrockRegion: 'BEDROCK_REGION',
  graphApiBaseUrl: 'GRAPH_API_BASE_URL',
  attachmentsBucket: 'ATTACHMENTS_BUCKET',
  linkSigningKeyId: 'LINK_SIGNING_KEY_ID',
  publicApiUrl: 'PUBLIC_API_URL',
  appUrl: 'APP_URL',
} as const;

/** Meta's Graph API, versioned: the version Meta's webhooks and sends were checked against. */
export const GRAPH_API_DEFAULT_URL = 'https://graph.facebook.com/v21.0';

/** The variable holding a queue's URL (one per queue of the manifest). */
export const queueUrlEnv = (queue: string) => `QUEUE_URL_${queue.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
const QUEUE_URL_PREFIX = 'QUEUE_URL_';

const optional = z.string().min(1).optional();

const Schedules = z.object({
  groupName: z.string().min(1),
  targetArn: z.string().min(1),
  roleArn: z.string().min(1),
  deadLetterArn: optional,
});

export const Config = z.object({
  tableName: z.string().min(1),
  region: z.string().min(1),
  /** DynamoDB Local's URL; absent in AWS. */
  dynamodbEndpoint: z.url().optional(),
  idempotencyTtlSeconds: z.number().int().positive(),
  /** The raw-mail bucket, the SES configuration set, and the domain automatic mail is sent from when an organization has no mailbox. */
  mail: z.object({ bucket: optional, configurationSet: optional, fromDomain: optional }),
  /** The attachments bucket, for functions that need 'attachments'. */
  attachments: z.object({ bucket: optional }),
  /** Present in functions that need 'scheduler'. */
  schedules: Schedules.optional(),
  /** `queueUrlEnv(queue)` → URL, for functions that need 'queues'. */
  queueUrls: z.record(z.string(), z.string().min(1)),
  /** The `@connections` endpoint, for functions that need 'websocket-post'. */
  websocketEndpoint: z.url().optional(),
  cognito: z.object({ userPoolId: z.string().min(1), clientId: z.string().min(1) }).optional(),
  /**
   * Links in mail: the SSM SecureString parameter holding the HMAC key that signs them ('link-signing'), the public API they point
   * to ('public-urls') and the agent app (default: the API's URL).
   */
  links: z.object({ signingKeyId: optional, apiUrl: z.url().optional(), appUrl: z.url().optional() }),
  /** Where webhooks may go: https to public addresses in AWS; a server on this machine locally. */
  webhookNetwork: z.object({ allowHttp: z.boolean(), allowPrivateAddresses: z.boolean() }),
  /** Base of public links (tracking pages), e.g. a custom domain; absent: the API's own address. */
  publicBaseUrl: z.url().optional(),
  /** The public form's CAPTCHA (Turnstile or hCaptcha) and its secret, or the SSM parameter holding it; absent: off. */
  captcha: z.object({ provider: z.enum(['turnstile', 'hcaptcha']), siteKey: z.string().min(1), secret: optional, secretParameter: optional })
    .refine((c) => !!c.secret !== !!c.secretParameter, 'the CAPTCHA needs its secret or the SSM parameter holding it (one of them)')
    .optional(),
  /** WhatsApp/Instagram: the SSM SecureString parameter holding the key that encrypts channel secrets ('meta-secrets'), and the Graph API's base URL. */
  meta: z.object({ secretsKeyId: optional, graphApiBaseUrl: z.url() }),
  /** Knowledge base and assist: Bedrock's region ('bedrock'; default the function's own). */
  assist: z.object({ bedrockRegion: optional }).optional(),
});
export type Config = z.infer<typeof Config>;

type Env = Record<string, string | undefined>;

/**
 * A deployed function's configuration from its environment, validated once per container: a
 * missing or malformed setting fails the cold start, naming the variable, not a request.
 */
export function loadConfig(env: Env = process.env): Config {
  const value = (name: string) => env[name] || undefined;
  const schedules = value(ENV.scheduleGroup) || value(ENV.scheduleTargetArn) || value(ENV.scheduleRoleArn)
    ? { groupName: value(ENV.scheduleGroup), targetArn: value(ENV.scheduleTargetArn), roleArn: value(ENV.scheduleRoleArn),
        deadLetterArn: value(ENV.scheduleDeadLetterArn) }
    : undefined;
  const cognito = value(ENV.userPoolId) || value(ENV.userPoolClientId)
    ? { userPoolId: value(ENV.userPoolId), clientId: value(ENV.userPoolClientId) }
    : undefined;
  const queueUrls = Object.fromEntries(Object.entries(env).filter(([name, url]) => name.startsWith(QUEUE_URL_PREFIX) && url));
  const parsed = Config.safeParse({
    tableName: value(ENV.tableName),
    region: value(ENV.region),
    idempotencyTtlSeconds: Number(value(ENV.idempotencyTtlSeconds) ?? 86_400),
    mail: { bucket: value(ENV.mailBucket), configurationSet: value(ENV.sesConfigurationSet), fromDomain: value(ENV.mailFromDomain) },
    attachments: { bucket: value(ENV.attachmentsBucket) },
    schedules,
    queueUrls,
    websocketEndpoint: value(ENV.websocketEndpoint),
    cognito,
    links: { signingKeyId: value(ENV.linkSigningKeyId), apiUrl: value(ENV.publicApiUrl), appUrl: value(ENV.appUrl) },
    webhookNetwork: { allowHttp: false, allowPrivateAddresses: false },
    publicBaseUrl: value(ENV.publicBaseUrl),
    captcha: value(ENV.captchaProvider) && value(ENV.captchaProvider) !== 'off'
      ? { provider: value(ENV.captchaProvider), siteKey: value(ENV.captchaSiteKey), secret: value(ENV.captchaSecret), secretParameter: value(ENV.captchaSecretParameter) }
      : undefined,
    meta: { secretsKeyId: value(ENV.metaSecretsKeyId), graphApiBaseUrl: value(ENV.graphApiBaseUrl) ?? GRAPH_API_DEFAULT_URL },
    assist: { bedrockRegion: value(ENV.bedrockRegion) },
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`invalid function configuration (see ENV in functions/config.ts): ${problems.join('; ')}`);
  }
  return parsed.data;
}

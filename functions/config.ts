import { z } from 'zod';

/** Environment, parsed once per container: a missing setting fails the cold start, not a request. */
const Config = z.object({
  HELPDESK_RUNTIME: z.enum(['aws', 'local']).default('aws'),
  TABLE_NAME: z.string().min(1).default('helpdesk'),
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().default('local'),
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  /** Base of public links (tracking pages); default: the API's own address from the request. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** The public form's CAPTCHA: `off`, or the provider whose keys follow. */
  CAPTCHA_PROVIDER: z.enum(['off', 'turnstile', 'hcaptcha']).default('off'),
  CAPTCHA_SITE_KEY: z.string().optional(),
  CAPTCHA_SECRET: z.string().optional(),
  /** Local runtime only: where the stand-ins keep their state. */
  HELPDESK_LOCAL_DIR: z.string().optional(),
});
export type Config = z.infer<typeof Config>;

let cached: Config | undefined;
export function config(): Config {
  cached ??= Config.parse(process.env);
  return cached;
}
/** For the local runtime and tests, which set the environment after import. */
export function resetConfig(): void {
  cached = undefined;
}

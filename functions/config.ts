import { z } from 'zod';

/** Environment, parsed once per container: a missing setting fails the cold start, not a request. */
const Config = z.object({
  HELPDESK_RUNTIME: z.enum(['aws', 'local']).default('aws'),
  TABLE_NAME: z.string().min(1).default('helpdesk'),
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().default('local'),
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  /** The attachments bucket ('attachments' capability). */
  ATTACHMENTS_BUCKET: z.string().min(1).optional(),
  /** Local runtime only: the S3 stand-in the attachment store talks to (path-style, local credentials). */
  ATTACHMENTS_S3_ENDPOINT: z.string().url().optional(),
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

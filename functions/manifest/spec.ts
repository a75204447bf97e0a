import type { z } from 'zod';
import { Problem } from '../../schemas/common';
import type { BusDetailType } from '../../schemas/events';
import type { QueueName } from './queue-names';
import { ROLES, type Role, STAFF_ROLES } from '../../schemas/roles';

/**
 * What a function may touch besides the table, which every function reads and writes. CDK
 * grants exactly these (and passes their names/URLs in the environment); the local runtime
 * needs no grants.
 */
export type Capability =
  | 'scheduler' | 'mail-send' | 'mail-bucket' | 'websocket-post' | 'queues' | 'eventbus' | 'attachments' | 'link-signing' | 'public-urls' | 'meta-secrets'
  | 'attachments-erase' | 'mail-bucket-erase' | 'bedrock' | 'captcha';

export interface FunctionSpec {
  /** A file exporting `handler`. */
  entry: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  needs?: readonly Capability[];
}

export interface HttpGroupSpec extends FunctionSpec {
  memoryMb: number;
  timeoutSeconds: number;
  /** Developer tools of the local runtime: never deployed. */
  localOnly?: boolean;
}

/**
 * One HTTP route: method, path, handler group, who may call, and the schemas of each side.
 * The CDK stack makes API routes and one function per group from these; the local runtime
 * routes requests with them; the OpenAPI document is generated from them.
 */
export interface HttpRouteSpec {
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  group: string;
  /** `public` routes carry no token; the others need one of these roles. */
  roles: readonly Role[] | 'public';
  summary: string;
  /** Honours `Idempotency-Key`: a retried create returns the first result. */
  idempotent?: boolean;
  /** `required`: a missing If-Match is 428; `optional`: checked when sent. */
  ifMatch?: 'required' | 'optional';
  request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** Developer tools of the local runtime (clock, outbox): never deployed. */
  localOnly?: boolean;
  /**
   * `public`: callable from pages on any origin (the embeddable form). Its handler answers the
   * preflight `OPTIONS` and adds `Access-Control-Allow-Origin: *`; no other route answers CORS.
   */
  cors?: 'public';
}


/**
 * How a function target makes a redelivered event (EventBridge delivers at least once) have one effect:
 * - `record`: busConsumer keeps a Powertools idempotency record per (consumer, event id) in the
 *   table: an in-progress put and a completion update, 2 WCU an invocation. For effects nothing
 *   else guards (a mail, a Graph API send).
 * - `by-construction`: the consumer's own writes already make a second run a no-op (deterministic
 *   ids with conditional puts, version-guarded counters, schedules named by what they are, its
 *   own once-per-event markers in the same transaction), or a repeat is its documented contract
 *   (the WebSocket broadcast: at least once, clients drop an event id they have seen); a record
 *   would be pure cost.
 * busConsumer honours it (the handler passes its rule's name and choice; a unit test holds the two
 * equal) and so does the bench's cost model.
 */
export type ConsumerDedupe = 'record' | 'by-construction';

/** A bus rule: which ticket events go to which consumer (a function, or a queue of QUEUES). */
export type RuleTarget<Q extends string = string> =
  | ({ kind: 'function'; dedupe: ConsumerDedupe } & FunctionSpec)
  | {
    kind: 'queue';
    queue: Q;
    /** What a message carries: the whole bus event (default), or a job's `data`, the message its consumer reads. */
    body?: 'event' | 'job-data';
  };

/** A value a field may equal. No `null`: CloudFormation refuses null in a template's EventPattern. */
export type DetailValue = string | number | boolean;

/**
 * One way a leaf field may match: equal to a value, or EventBridge's `exists` (the field is
 * present as a leaf: `true`; absent, or an object, which is no leaf: `false`).
 */
export type DetailMatcher = DetailValue | { readonly exists: boolean };

/**
 * A content filter on an event's detail, in EventBridge's pattern syntax (the subset we use):
 * a field matches any of its listed matchers (an array field: any element), a nested object
 * matches field by field, every field named must match, and `$or` (two or more alternative
 * patterns) matches when one of them does at that level. CDK puts it in the rule's pattern
 * unchanged; the local pump and the bench's cost model apply `detailMatches` (event-rules.ts).
 */
export interface DetailPattern {
  readonly [field: string]: readonly DetailMatcher[] | DetailPattern | readonly DetailPattern[];
}

export interface EventRuleSpec<Q extends string = string> {
  name: string;
  description: string;
  /** Detail-types matched; `*` is every ticket event (never a job: a job goes only where a rule names it). */
  detailTypes: readonly BusDetailType[] | '*';
  /** Only events whose detail matches: a consumer not woken (nor billed) for events it would skip. */
  detail?: DetailPattern;
  target: RuleTarget<Q>;
}

/** A rule of the shared manifest: a queue it targets is one of the manifest's queues. */
export type ManifestRuleSpec = EventRuleSpec<QueueName>;

/**
 * A queue. Each has a dead-letter queue and an alarm in AWS; locally a file-backed queue plays
 * SQS (visibility timeout, receive count, DLQ) for the same consumer, which reports partial
 * batch failures.
 */
export interface QueueSpec {
  /** The SQS consumer: a file exporting `handler(event: SQSEvent): SQSBatchResponse`. */
  consumerEntry: string;
  batchSize: number;
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  memoryMb?: number;
  needs?: readonly Capability[];
  /** FIFO (and its dead-letter queue too): order per message group, deduplication by id. */
  fifo?: boolean;
  /**
   * Once a message is visible, how long to wait for a full batch before invoking (the SQS event
   * source's `MaximumBatchingWindowInSeconds`, 0-300; standard queues only). Unset: 1 s when
   * `batchSize` is above 10 (SQS needs a window for those), else none. The local worker honours
   * it too, up to its own cap (bin/local/queue-workers.ts).
   */
  batchingWindowSeconds?: number;
}

/**
 * A function reached at its own Lambda Function URL (auth NONE: the caller signs, e.g. Meta),
 * not through the API. The local runtime serves it on its HTTP port at `localPath`, with the
 * raw body preserved as Function URLs deliver it.
 */
export interface FunctionUrlSpec extends FunctionSpec {
  name: string;
  localPath: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
}

export const ALL: readonly Role[] = ROLES;
export const STAFF: readonly Role[] = STAFF_ROLES;
export const problem = (description: string) => ({ description, schema: Problem });
export const COMMON_ERRORS = {
  400: problem('Malformed or invalid request: `errors[]` names each field'),
  401: problem('Missing, expired or forged token'),
  403: problem('The role may not do this'),
  404: problem('No such resource in the caller\'s organization'),
};
export const TICKET_WRITE_ERRORS = {
  ...COMMON_ERRORS,
  409: problem('Illegal status transition (`allowed` lists the legal ones)'),
  412: problem('If-Match does not match the current ETag'),
  422: problem('Breaks a business rule (e.g. resolving without a resolution)'),
};

/** The API Gateway route key of a route: `METHOD /path`. */
export const routeKeyOf = (route: Pick<HttpRouteSpec, 'method' | 'path'>) => `${route.method} ${route.path}`;

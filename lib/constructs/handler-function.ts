import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ALARM_PERIOD, type Alarms } from './alarms';

/** The repository root: handler entries are relative to it, and so is the lockfile. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Node.js 24 runs the bundle; the syntax targets node20 so the code tested on the Node 20
 * development machines runs there unchanged.
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/**
 * How every handler is bundled, by the local esbuild (no Docker).
 * ESM, because Powertools, middy and jose ship ESM and ESM tree-shakes better; CommonJS
 * packages inside the bundle still call `require` for Node built-ins, which ESM lacks, so the
 * banner provides one (the import is renamed so it cannot clash with the bundle's names).
 */
export const HANDLER_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node20',
  mainFields: ['module', 'main'],
  banner:
    "import { createRequire as __helpdeskCreateRequire } from 'node:module'; const require = __helpdeskCreateRequire(import.meta.url);",
  minify: true,
  keepNames: true, // error classes keep their names, so logs read `VersionConflictError`
  sourceMap: true,
  sourcesContent: false, // stack traces need the mappings, not a second copy of the sources
  // The SDK is bundled, not taken from the runtime: the function then runs the exact client
  // versions that ElectroDB, Powertools and the tests were checked against, and a runtime
  // SDK update cannot change a deployed function's behaviour. It costs some bundle size.
  bundleAwsSDK: true,
  externalModules: [],
  logLevel: LogLevel.WARNING,
};

/**
 * Item reads and writes and index queries: the domain and Powertools idempotency records.
 * No Scan (the architecture forbids it; IAM enforces it) and no stream reads (those belong to
 * the pipe to the bus). Transactions need no actions of their own: IAM checks each item's
 * Put/Update/Delete/ConditionCheck.
 */
export const TABLE_DATA_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query',
  'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem',
];

const TABLE_KEY_ACTIONS = [
  'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo',
];

export interface HandlerFunctionProps {
  /** The handler file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeout: Duration;
  readonly alarms: Alarms;
  /**
   * The single table, read and written by the handler (its name is in `TABLE_NAME`).
   * @default - no table access
   */
  readonly table?: ITableV2;
  /**
   * How long the function's logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long a creating request's `Idempotency-Key` is remembered.
   * @default Duration.hours(24)
   */
  readonly idempotencyTtl?: Duration;
  /**
   * More environment variables.
   * @default - none
   */
  readonly environment?: Record<string, string>;
}

/**
 * A Lambda handler as every Helpdesk handler is deployed: Node.js 24 on arm64, an esbuild
 * bundle, JSON logs to its own log group with retention, X-Ray tracing, a role of its own
 * without AWS managed policies, and alarms on Errors and Throttles. Reserved concurrency is
 * left unset: the account pool absorbs a burst, and the Throttles alarm says when it does not.
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { table, alarms } = props;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(this.role); // instead of AWSLambdaBasicExecutionRole's logs:* on every group

    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      tracing: Tracing.ACTIVE,
      environment: {
        HELPDESK_RUNTIME: 'aws',
        ...(table ? { TABLE_NAME: table.tableName } : {}),
        IDEMPOTENCY_TTL_SECONDS: String((props.idempotencyTtl ?? Duration.hours(24)).toSeconds()),
        POWERTOOLS_SERVICE_NAME: 'helpdesk',
        POWERTOOLS_METRICS_NAMESPACE: 'Helpdesk',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: HANDLER_BUNDLING,
    });

    if (table) {
      table.grant(this.function, ...TABLE_DATA_ACTIONS);
      // With a customer managed key, DynamoDB uses it on the caller's behalf. The actions are
      // spelt out: grantEncryptDecrypt's `ReEncrypt*` and `GenerateDataKey*` are wildcards.
      table.encryptionKey?.grant(this.function, ...TABLE_KEY_ACTIONS);
    }

    const policy = this.role.node.findChild('DefaultPolicy');
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
    });
    if (table) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(table)}.Arn>/index/*]`,
        reason: 'Queries on the GSIs of the single table (list pages, lookups by number and requester); '
          + 'the table has only the indexes of the shared definition.',
      });
    }

    alarms.add(this, 'ErrorsAlarm', {
      metric: this.function.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
      description: `${props.description}: invocations failed (an unhandled error, a timeout or a crash at cold start)`,
    });
    alarms.add(this, 'ThrottlesAlarm', {
      metric: this.function.metricThrottles({ period: ALARM_PERIOD, statistic: 'Sum' }),
      description: `${props.description}: invocations were throttled (account concurrency exhausted)`,
    });
  }
}

function logicalIdOf(table: ITableV2): string {
  const resource = table.node.defaultChild;
  if (!resource) throw new Error('the table must be defined in this app to acknowledge its index grant');
  return Stack.of(table).getLogicalId(resource as CfnElement);
}

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type OptionalPort, bundleDefinesFor } from '../../functions/bundled-ports';
import { ENV } from '../../functions/config';
import type { Alarms } from './alarms';
import type { ExecutionRoles } from './execution-roles';

/** The repository root: handler entries are relative to it, and so is the lockfile. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Node.js 24 runs the bundle; the syntax targets node20 so the code tested on the Node 20
 * development machines runs there unchanged.
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/**
 * Packages a deployed bundle takes from another file (esbuild `alias`; paths relative to the
 * repository root, where the stack's local esbuild runs).
 * - The SDK clients' default credential chain becomes the environment variables Lambda sets
 *   (functions/adapters/lambda-credentials.ts), so the chain's SSO, ini, process, web-identity
 *   and metadata providers and their STS/SSO clients stay out of every bundle (about 140 KB).
 * - libmime and htmlparser2 with its DOM packages ship CommonJS and ESM builds of the same
 *   version; mailparser and html-to-text import the ESM ones while mailsplit and sanitize-html
 *   require the CommonJS ones, so mail bundles carried each twice (about 230 KB). Every importer
 *   takes the CommonJS build: the ESM importers use named exports, and default exports only of
 *   libmime, whose CommonJS `module.exports` is that default.
 * - The DynamoDB client becomes its client class and the commands lib-dynamodb wraps
 *   (functions/adapters/dynamodb-client-commands.mjs says why: about 45 KB and a tenth of module
 *   init in every function that reads the table).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': './functions/adapters/lambda-credentials.ts',
  '@aws-sdk/client-dynamodb': './functions/adapters/dynamodb-client-commands.mjs',
  libmime: './node_modules/libmime/dist/cjs/libmime.js',
  htmlparser2: './node_modules/htmlparser2/dist/commonjs/index.js',
  domhandler: './node_modules/domhandler/lib/index.js',
  domutils: './node_modules/domutils/lib/index.js',
  'dom-serializer': './node_modules/dom-serializer/lib/index.js',
  domelementtype: './node_modules/domelementtype/lib/index.js',
};

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
  // SDK update cannot change a deployed function's behaviour. It costs bundle size (about
  // 450 KB of a DynamoDB function), but measured (README, "Deployed bundles") the runtime's
  // copy makes module init about 2.5 times slower: its untree-shaken CommonJS files are read
  // and compiled at every cold start.
  bundleAwsSDK: true,
  externalModules: [],
  esbuildArgs: { '--alias': Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`) },
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
  /**
   * A fixed function name, for a function whose ARN must be known without referencing it
   * (e.g. in its own environment).
   * @default - a name generated by CloudFormation
   */
  readonly functionName?: string;
  /**
   * The optional ports (AWS adapters and their SDK clients) the bundle carries; the others are
   * left out (functions/bundled-ports.ts).
   * @default - none: the table, clock and webhook poster only
   */
  readonly ports?: readonly OptionalPort[];
  /**
   * Where the function takes its role and log group: shared with every function of the same
   * permission set (`permissionSet`), rather than a role, policy and log group of its own.
   * @default - a role and log group of its own
   */
  readonly executionRoles?: ExecutionRoles;
  /**
   * What this function is granted beyond the table (its manifest `needs`, and a key such as
   * `consumer:<queue>` for a grant no other function has); functions with the same set and the
   * same table access share a role when `executionRoles` is given.
   * @default - nothing beyond the table
   */
  readonly permissionSet?: readonly string[];
}

/**
 * A Lambda handler as every Helpdesk handler is deployed: Node.js 24 on arm64, an esbuild
 * bundle, JSON logs to a log group with retention, X-Ray tracing, a role without AWS managed
 * policies (both its own, or shared with the functions of the same permission set:
 * ExecutionRoles), its errors and throttles under the account-level alarms. Reserved concurrency is
 * left unset: the account pool absorbs a burst, and the Throttles alarm says when it does not.
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { table, alarms } = props;

    if (props.executionRoles) {
      ({ role: this.role, logGroup: this.logGroup } = props.executionRoles.for({ table: table !== undefined, grants: props.permissionSet ?? [] }));
    } else {
      this.logGroup = new LogGroup(this, 'Logs', {
        retention: props.logRetention ?? RetentionDays.ONE_MONTH,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
      this.role = new Role(this, 'Role', {
        assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        description: props.description,
      });
      this.logGroup.grantWrite(this.role); // instead of AWSLambdaBasicExecutionRole's logs:* on every group
    }

    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      functionName: props.functionName,
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
        ...(table ? { [ENV.tableName]: table.tableName } : {}),
        [ENV.idempotencyTtlSeconds]: String((props.idempotencyTtl ?? Duration.hours(24)).toSeconds()),
        POWERTOOLS_SERVICE_NAME: 'helpdesk',
        POWERTOOLS_METRICS_NAMESPACE: 'Helpdesk',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: { ...HANDLER_BUNDLING, define: { ...HANDLER_BUNDLING.define, ...bundleDefinesFor(props.ports ?? []) } },
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
    // Errors and throttles are watched account-wide by `alarms` (lib/constructs/alarms.ts): two
    // alarm metrics in all instead of two per function keeps the idle cost at zero.
    void alarms;
  }
}

function logicalIdOf(table: ITableV2): string {
  const resource = table.node.defaultChild;
  if (!resource) throw new Error('the table must be defined in this app to acknowledge its index grant');
  return Stack.of(table).getLogicalId(resource as CfnElement);
}

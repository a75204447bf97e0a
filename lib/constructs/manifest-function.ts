import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { portsOf } from '../../functions/bundled-ports';
import type { FunctionSpec } from '../../functions/manifest/spec';
import type { Alarms } from './alarms';
import type { Capabilities } from './capabilities';
import type { ExecutionRoles } from './execution-roles';
import { HandlerFunction } from './handler-function';

/** What every function made from a manifest entry shares. */
export interface ManifestFunctionDefaults {
  readonly table: ITableV2;
  readonly alarms: Alarms;
  /** Grants the entry's `needs`. */
  readonly capabilities: Capabilities;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** @default Duration.hours(24) */
  readonly idempotencyTtl?: Duration;
  /**
   * One role and log group per permission set, shared (lib/constructs/execution-roles.ts).
   * @default - each function has a role and log group of its own
   */
  readonly executionRoles?: ExecutionRoles;
}

/** Memory and timeout of an entry that names none: enough for a bus consumer. */
export const FUNCTION_SPEC_DEFAULTS = { memoryMb: 512, timeoutSeconds: 30 } as const;

/**
 * A HandlerFunction for one manifest entry (rule target, queue consumer, timer target): the
 * table, the shared settings, and exactly the capabilities the entry `needs`.
 */
export function manifestFunction(
  scope: Construct,
  id: string,
  spec: FunctionSpec,
  description: string,
  defaults: ManifestFunctionDefaults,
  options: { timeout?: Duration; functionName?: string; ownGrants?: readonly string[] } = {},
): HandlerFunction {
  const handler = new HandlerFunction(scope, id, {
    entry: spec.entry,
    description,
    memoryMb: spec.memoryMb ?? FUNCTION_SPEC_DEFAULTS.memoryMb,
    timeout: options.timeout ?? Duration.seconds(spec.timeoutSeconds ?? FUNCTION_SPEC_DEFAULTS.timeoutSeconds),
    functionName: options.functionName,
    table: defaults.table,
    alarms: defaults.alarms,
    logRetention: defaults.logRetention,
    removalPolicy: defaults.removalPolicy,
    idempotencyTtl: defaults.idempotencyTtl,
    ports: portsOf(spec.needs),
    executionRoles: defaults.executionRoles,
    permissionSet: [...(spec.needs ?? []), ...(options.ownGrants ?? [])],
  });
  defaults.capabilities.grant(handler, spec.needs);
  return handler;
}

/** `sla-planner` → `SlaPlanner`: a construct id from a manifest name. */
export const pascal = (name: string) => name.replace(/(^|[-_.])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());

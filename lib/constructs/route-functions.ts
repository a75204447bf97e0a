import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { portsOf } from '../../functions/bundled-ports';
import { DEPLOYED_GROUPS as HTTP_GROUPS, type HttpGroupName } from '../../functions/manifest/http-routes';
import type { HttpGroupSpec } from '../../functions/manifest/spec';
import type { Alarms } from './alarms';
import type { Capabilities } from './capabilities';
import type { ExecutionRoles } from './execution-roles';
import { HandlerFunction } from './handler-function';

export interface RouteFunctionsProps {
  readonly table: ITableV2;
  readonly alarms: Alarms;
  /**
   * How long function logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log groups when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long a creating request's `Idempotency-Key` is remembered.
   * @default Duration.hours(24)
   */
  readonly idempotencyTtl?: Duration;
  /**
   * Grants each group's `needs`.
   * @default - none: a group with `needs` fails the synth
   */
  readonly capabilities?: Capabilities;
  /**
   * One role and log group per permission set, shared (lib/constructs/execution-roles.ts).
   * @default - each function has a role and log group of its own
   */
  readonly executionRoles?: ExecutionRoles;
}

/**
 * One function per handler group of the HTTP route manifest (`HTTP_GROUPS`): the group's file
 * exports `handler`, which dispatches on `event.routeKey`.
 */
export class RouteFunctions extends Construct {
  readonly functions: Record<HttpGroupName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    const groups = Object.entries(HTTP_GROUPS) as [HttpGroupName, NonNullable<(typeof HTTP_GROUPS)[HttpGroupName]>][];
    this.functions = Object.fromEntries(groups.map(([group, spec]) => {
      const handler = new HandlerFunction(this, pascal(group), {
        entry: spec.entry,
        description: `Helpdesk HTTP ${group}`,
        memoryMb: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds),
        table: props.table,
        alarms: props.alarms,
        logRetention: props.logRetention,
        removalPolicy: props.removalPolicy,
        idempotencyTtl: props.idempotencyTtl,
        ports: portsOf((spec as HttpGroupSpec).needs),
        executionRoles: props.executionRoles,
        permissionSet: (spec as HttpGroupSpec).needs ?? [],
      });
      const { needs = [] } = spec as HttpGroupSpec;
      if (needs.length > 0) {
        if (!props.capabilities) throw new Error(`RouteFunctions: group ${group} needs ${needs.join(', ')}; pass capabilities`);
        props.capabilities.grant(handler, needs);
      }
      return [group, handler.function];
    })) as Record<HttpGroupName, NodejsFunction>;
  }
}

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_m, _sep, c: string) => c.toUpperCase());

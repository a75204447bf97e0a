import { ArnFormat, Duration, Names, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/config';
import { SCHEDULES } from '../../functions/manifest/schedules';
import type { FunctionSpec } from '../../functions/manifest/spec';
import { acknowledgeWildcard } from './capabilities';
import { deadLetterQueue } from './dead-letter-queue';
import type { HandlerFunction } from './handler-function';
import { type ManifestFunctionDefaults, manifestFunction } from './manifest-function';

/** The dead-letter queue that schedules name in their target (`DeadLetterConfig.Arn`). */
export const SCHEDULE_DLQ_ARN_ENV = ENV.scheduleDeadLetterArn;

export interface TimersProps extends ManifestFunctionDefaults {
  /**
   * The schedule group and the target every timer invokes.
   * @default SCHEDULES, the shared manifest
   */
  readonly schedules?: { readonly groupName: string; readonly target: FunctionSpec };
}

/**
 * One-time timers on EventBridge Scheduler: the schedule group, the one target function every
 * timer invokes, the role Scheduler assumes to invoke it (and nothing else), and a dead-letter
 * queue for firings that fail. Provides 'scheduler': create, read and delete schedules of the
 * group, pass the role, and the names in SCHEDULE_GROUP, SCHEDULE_TARGET_ARN, SCHEDULE_ROLE_ARN
 * (and SCHEDULE_DLQ_ARN).
 */
export class Timers extends Construct {
  readonly group: CfnScheduleGroup;
  readonly target: HandlerFunction;
  /** What Scheduler assumes to invoke the target. */
  readonly role: Role;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: TimersProps) {
    super(scope, id);
    const { groupName, target } = props.schedules ?? SCHEDULES;
    const stack = Stack.of(this);

    this.group = new CfnScheduleGroup(this, 'Group', { name: groupName });
    this.deadLetterQueue = deadLetterQueue(props.alarms, 'events', 'one-time timers');

    // The target's own ARN is in its environment when it needs 'scheduler' (a timer that sets the
    // next one): a fixed name lets the ARN be written down without the function referencing itself.
    const functionName = Names.uniqueResourceName(this, { maxLength: 58, separator: '-' }).toLowerCase() + '-fired';
    const targetArn = stack.formatArn({ service: 'lambda', resource: 'function', resourceName: functionName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

    this.role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `EventBridge Scheduler: invokes the timer target for schedules of ${groupName}`,
    });
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [targetArn] }));
    this.deadLetterQueue.grantSendMessages(this.role);

    const schedules = stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupName}/*` });
    props.capabilities.provide('scheduler', (handler) => {
      handler.role.addToPrincipalPolicy(new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [schedules],
      }));
      handler.role.addToPrincipalPolicy(new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }));
      handler.function.addEnvironment(ENV.scheduleGroup, groupName);
      handler.function.addEnvironment(ENV.scheduleTargetArn, targetArn);
      handler.function.addEnvironment(ENV.scheduleRoleArn, this.role.roleArn);
      handler.function.addEnvironment(SCHEDULE_DLQ_ARN_ENV, this.deadLetterQueue.queueArn);
      acknowledgeWildcard(handler, schedules, `Schedules are created per ticket deadline with names known only at run time; limited to the ${groupName} group.`);
    });

    // A timer target that also sets timers gets its grants from the provider just registered.
    this.target = manifestFunction(this, 'Target', target, `Helpdesk timer target (${groupName})`, props,
      { functionName, timeout: Duration.seconds(target.timeoutSeconds ?? 30) });
    this.target.node.addDependency(this.group);
  }
}

import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus as Bus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_ENTITIES } from '../../functions/domain/events/bus-detail-of';
import { ENV } from '../../functions/config';
import { ENTITY_ATTRIBUTE } from '../../functions/domain/events/event-from-activity';
import { EVENT_SOURCE } from '../../schemas/events';
import { ALARM_PERIOD, type Alarms } from './alarms';
import type { Capabilities } from './capabilities';
import { deadLetterQueue } from './dead-letter-queue';
import type { ExecutionRoles } from './execution-roles';
import { HandlerFunction } from './handler-function';

/** The Pipe's enrichment: stream records → versioned ticket events (the local event pump calls the same code). */
export const ENRICHMENT_ENTRY = 'functions/handlers/events/stream-to-events.ts';
export const EVENT_BUS_NAME_ENV = ENV.eventBusName;

/**
 * The Pipe's filter: only new outbox items (activities, which become ticket events, and jobs)
 * go on. ElectroDB stamps every item with its entity name in `__edb_e__`; ticket, message and
 * counter writes in the same transaction never reach the enrichment function (and are not
 * billed as Pipe requests).
 */
export const OUTBOX_INSERTS = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { [ENTITY_ATTRIBUTE]: { S: [...OUTBOX_ENTITIES] } } },
};

export interface EventBusProps {
  readonly table: ITableV2;
  readonly alarms: Alarms;
  /** Provides 'eventbus': PutEvents on this bus, its name as EVENT_BUS_NAME. */
  readonly capabilities: Capabilities;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * One role and log group per permission set, shared (lib/constructs/execution-roles.ts).
   * @default - each function has a role and log group of its own
   */
  readonly executionRoles?: ExecutionRoles;
}

/**
 * The outbox to the bus: the table's stream → an EventBridge Pipe (activity and job inserts only) →
 * enrichment into versioned ticket events → a custom bus, each event with its own `type` as
 * detail-type and `occurredAt` as time. Records that keep failing go to a dead-letter queue.
 */
export class EventBus extends Construct {
  readonly bus: Bus;
  readonly pipe: CfnPipe;
  readonly enrichment: HandlerFunction;
  readonly pipeRole: Role;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EventBusProps) {
    super(scope, id);
    const { table, alarms } = props;
    const stack = Stack.of(this);
    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error('EventBus: the table has no stream (functions/manifest/table.ts sets one)');

    this.bus = new Bus(this, 'Bus', { description: 'Helpdesk ticket events (from the table stream)' });

    this.enrichment = new HandlerFunction(this, 'Enrichment', {
      entry: ENRICHMENT_ENTRY,
      description: 'Helpdesk pipe enrichment: stream records to ticket events',
      memoryMb: 256,
      timeout: Duration.seconds(10),
      alarms,
      executionRoles: props.executionRoles,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    this.deadLetterQueue = deadLetterQueue(alarms, 'events', 'the table stream pipe');
    const logs = new LogGroup(this, 'PipeLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.pipeRole = new Role(this, 'PipeRole', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Helpdesk pipe: reads the table stream, invokes the enrichment, puts events on the bus',
    });
    this.pipeRole.addToPrincipalPolicy(new PolicyStatement({
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resources: [streamArn],
    }));
    // ListStreams has no resource-level permissions (CDK's grantStreamRead grants it the same way).
    this.pipeRole.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
    Validations.of(this.pipeRole.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams supports no resource-level permissions; it lists stream ARNs, it reads no records.',
    });
    table.encryptionKey?.grant(this.pipeRole, 'kms:Decrypt');
    // The function itself, not grantInvoke's `:*` versions too: the pipe calls $LATEST.
    this.pipeRole.addToPrincipalPolicy(new PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: [this.enrichment.function.functionArn],
    }));
    this.bus.grantPutEventsTo(this.pipeRole);
    this.deadLetterQueue.grantSendMessages(this.pipeRole);
    logs.grantWrite(this.pipeRole);

    this.pipe = new CfnPipe(this, 'Pipe', {
      description: 'Helpdesk outbox: activity items of the table stream to the ticket event bus',
      roleArn: this.pipeRole.roleArn,
      source: streamArn,
      sourceParameters: {
        filterCriteria: { filters: [{ pattern: JSON.stringify(OUTBOX_INSERTS) }] },
        dynamoDbStreamParameters: {
          // From the oldest record kept: a pipe created after the first writes still carries them.
          startingPosition: 'TRIM_HORIZON',
          batchSize: 10,
          maximumRetryAttempts: 10,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        },
      },
      enrichment: this.enrichment.function.functionArn,
      target: this.bus.eventBusArn,
      targetParameters: {
        eventBridgeEventBusParameters: { source: EVENT_SOURCE, detailType: '$.type', time: '$.occurredAt' },
      },
      // Errors only, without payloads: events carry customer data.
      logConfiguration: { level: 'ERROR', cloudwatchLogsLogDestination: { logGroupArn: logs.logGroupArn } },
    });
    // The role's policy must exist before the pipe starts reading, or its first poll fails.
    this.pipe.node.addDependency(this.pipeRole);

    // No alarm on the pipe's ExecutionFailed: a failing record is retried, then dead-lettered, and
    // the dead-letter queue's alarm fires; a retried blip needs no one. One alarm metric less keeps
    // the stack within CloudWatch's ten free alarm metrics (idle cost zero).

    props.capabilities.provide('eventbus', (handler) => {
      this.bus.grantPutEventsTo(handler.role);
      handler.function.addEnvironment(EVENT_BUS_NAME_ENV, this.bus.eventBusName);
    });
  }
}

import { ENV, queueUrlEnv as queueUrlVariable } from '../../functions/config';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Capability, EventRuleSpec, FunctionSpec, QueueSpec } from '../../functions/manifest/spec';
import { EVENT_SOURCE } from '../../schemas/events';
import { Alarms } from '../../lib/constructs/alarms';
import { Capabilities } from '../../lib/constructs/capabilities';
import { DataTable } from '../../lib/constructs/data-table';
import { EVENT_BUS_NAME_ENV, EventBus, OUTBOX_INSERTS } from '../../lib/constructs/event-bus';
import { EventRules } from '../../lib/constructs/event-rules';
import { consumerTimeoutSeconds, ManifestQueues } from '../../lib/constructs/queues';
import { SCHEDULE_DLQ_ARN_ENV, Timers } from '../../lib/constructs/timers';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';
import { alarmedQueues } from './dead-letter-alarms';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

// Synthetic manifests: the real ones are filled by the features as they land. Entries point at
// an existing handler file; bundling is skipped, so what it exports does not matter here.
const ENTRY = 'functions/handlers/http/docs.ts';
const ALL_CAPABILITIES: Capability[] = ['queues', 'scheduler', 'eventbus', 'mail-send', 'mail-bucket', 'websocket-post'];
const QUEUES: Record<string, QueueSpec> = {
  'test-outbox': { consumerEntry: ENTRY, batchSize: 5, visibilityTimeoutSeconds: 60, maxReceiveCount: 4 },
  'big-batch': { consumerEntry: ENTRY, batchSize: 50, visibilityTimeoutSeconds: 180, maxReceiveCount: 3, memoryMb: 1024, needs: ['queues'] },
};
const RULES: EventRuleSpec[] = [
  { name: 'everything', description: 'every event, every capability', detailTypes: '*', target: { kind: 'function', dedupe: 'record', entry: ENTRY, needs: ALL_CAPABILITIES } },
  { name: 'plain', description: 'a consumer that needs nothing', detailTypes: ['ticket.created'], target: { kind: 'function', dedupe: 'by-construction', entry: ENTRY, memoryMb: 256, timeoutSeconds: 12 } },
  { name: 'to-queue', description: 'created and closed to a queue', detailTypes: ['ticket.created', 'ticket.closed'], target: { kind: 'queue', queue: 'test-outbox' } },
];
const SCHEDULES = { groupName: 'test-timers', target: { entry: ENTRY, memoryMb: 512, timeoutSeconds: 30, needs: ['scheduler'] } satisfies FunctionSpec };
const WS = { api: { apiId: 'wsapi123' }, stageName: 'live', callbackUrl: 'https://wsapi123.execute-api.eu-west-1.amazonaws.com/live' };

interface Options {
  rules?: EventRuleSpec[];
  queues?: Record<string, QueueSpec>;
  mail?: boolean;
  websocket?: boolean;
}

/** The event constructs on their own, as the Helpdesk stack composes them, with synthetic manifests. */
function eventStack(options: Options = {}) {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Events');
  const data = new DataTable(stack, 'Data', { removalPolicy: RemovalPolicy.DESTROY });
  const alarms = new Alarms(stack, 'Alarms');
  const capabilities = new Capabilities(stack, 'Capabilities');
  const defaults = { table: data.table, alarms, capabilities };
  const events = new EventBus(stack, 'Events', defaults);
  // Provided before some needs and after others: the order must not matter.
  if (options.websocket ?? true) capabilities.provideWebSocket(WS);
  const queues = new ManifestQueues(stack, 'Queues', { ...defaults, queues: options.queues ?? QUEUES });
  const rules = new EventRules(stack, 'Rules', { ...defaults, bus: events.bus, queues, rules: options.rules ?? RULES });
  const timers = new Timers(stack, 'Timers', { ...defaults, schedules: SCHEDULES });
  if (options.mail ?? true) {
    const bucket = new Bucket(stack, 'MailBucket', {
      encryption: BucketEncryption.S3_MANAGED, enforceSSL: true, blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    });
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'A test stand-in for the email construct\'s bucket.' });
    capabilities.provideMail({ mailDomains: ['support.example.com', 'help.example.org'], bucket });
  }
  return { stack, events, queues, rules, timers };
}

const onlyKey = (resources: Record<string, unknown>) => {
  const keys = Object.keys(resources);
  expect(keys).toHaveLength(1);
  return keys[0];
};
const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });
const idOf = (stack: Stack, construct: { node: { defaultChild?: unknown } } | object) =>
  stack.getLogicalId(((construct as { node: { defaultChild: unknown } }).node.defaultChild ?? construct) as never);

/** The statements of the policies attached to a role. */
function statementsOf(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());
const statementWith = (statements: Statement[], action: string) => statements.find((s) => [s.Action].flat().includes(action));
/** Whether some Allow statement grants `action` on `resource` (policies are minimized: statements merge). */
const allows = (statements: Statement[], action: string, resource: unknown) => statements.some((s) =>
  s.Effect === 'Allow' && [s.Action].flat().includes(action)
  && [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(resource)));

describe('event constructs with synthetic manifests', () => {
  let built: ReturnType<typeof eventStack>;
  let template: Template;
  beforeAll(() => {
    built = eventStack();
    template = Template.fromStack(built.stack);
  }, 120_000);

  describe('pipe from the table stream to the bus', () => {
    let pipe: Resource;
    beforeAll(() => {
      const pipes = template.findResources('AWS::Pipes::Pipe');
      pipe = pipes[onlyKey(pipes)] as Resource;
    });

    it('reads the table stream and keeps only inserted outbox items (activities and jobs)', () => {
      const tableId = onlyKey(template.findResources('AWS::DynamoDB::GlobalTable'));
      expect(pipe.Properties.Source).toEqual(getAtt(tableId, 'StreamArn'));
      const filters = pipe.Properties.SourceParameters.FilterCriteria.Filters as { Pattern: string }[];
      expect(filters.map((filter) => JSON.parse(filter.Pattern))).toEqual([
        { eventName: ['INSERT'], dynamodb: { NewImage: { __edb_e__: { S: ['activity', 'outboxJob'] } } } },
      ]);
      expect(JSON.parse(filters[0].Pattern)).toEqual(OUTBOX_INSERTS);
      expect(pipe.Properties.SourceParameters.DynamoDBStreamParameters).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        MaximumRetryAttempts: expect.any(Number),
        OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
        DeadLetterConfig: { Arn: getAtt(idOf(built.stack, built.events.deadLetterQueue), 'Arn') },
      });
    });

    it('enriches with stream-to-events and puts each event on the bus with its type as detail-type', () => {
      const enrichmentId = idOf(built.stack, built.events.enrichment.function);
      expect(pipe.Properties.Enrichment).toEqual(getAtt(enrichmentId, 'Arn'));
      template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('pipe enrichment'), Runtime: 'nodejs24.x' });
      expect(pipe.Properties.Target).toEqual(getAtt(idOf(built.stack, built.events.bus), 'Arn'));
      expect(pipe.Properties.TargetParameters).toEqual({
        EventBridgeEventBusParameters: { DetailType: '$.type', Source: EVENT_SOURCE, Time: '$.occurredAt' },
      });
    });

    it('logs errors without payloads to its own log group', () => {
      expect(pipe.Properties.LogConfiguration).toEqual({
        Level: 'ERROR',
        CloudwatchLogsLogDestination: { LogGroupArn: getAtt(expect.any(String) as never, 'Arn') },
      });
      expect(pipe.Properties.LogConfiguration.IncludeExecutionData).toBeUndefined();
    });

    it('runs as a role that reads the stream, invokes the enrichment, puts on the bus, dead-letters: nothing else', () => {
      const roleId = idOf(built.stack, built.events.pipeRole);
      expect(pipe.Properties.RoleArn).toEqual(getAtt(roleId, 'Arn'));
      const role = template.findResources('AWS::IAM::Role')[roleId] as Resource;
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
        Principal: { Service: 'pipes.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      })]);
      const statements = statementsOf(template, roleId);
      const tableId = onlyKey(template.findResources('AWS::DynamoDB::GlobalTable'));
      expect(statementWith(statements, 'dynamodb:GetRecords')?.Resource).toEqual(getAtt(tableId, 'StreamArn'));
      expect(statementWith(statements, 'dynamodb:ListStreams')?.Resource).toBe('*'); // no resource-level permissions
      expect(statementWith(statements, 'lambda:InvokeFunction')?.Resource).toEqual(getAtt(idOf(built.stack, built.events.enrichment.function), 'Arn'));
      expect(statementWith(statements, 'events:PutEvents')?.Resource).toEqual(getAtt(idOf(built.stack, built.events.bus), 'Arn'));
      expect(statementWith(statements, 'sqs:SendMessage')?.Resource).toEqual(getAtt(idOf(built.stack, built.events.deadLetterQueue), 'Arn'));
      expect(new Set(actionsOf(statements))).toEqual(new Set([
        'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams',
        'lambda:InvokeFunction', 'events:PutEvents', 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl',
        'logs:CreateLogStream', 'logs:PutLogEvents',
      ]));
    });

    it('alarms on its dead-letter queue, where failing records end after their retries (no second alarm on executions)', () => {
      expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'AWS/EventBridge/Pipes' } }))).toEqual([]);
      expect(alarmedQueues(template)).toContain(idOf(built.stack, built.events.deadLetterQueue));
    });
  });

  describe('rules', () => {
    it('has one rule per manifest entry on the ticket bus, matching its detail-types (any for *)', () => {
      template.resourceCountIs('AWS::Events::Rule', RULES.length);
      const busName = { Ref: idOf(built.stack, built.events.bus) };
      for (const spec of RULES) {
        template.hasResourceProperties('AWS::Events::Rule', {
          Description: spec.description,
          EventBusName: busName,
          EventPattern: spec.detailTypes === '*'
            ? { source: [EVENT_SOURCE] }
            : { source: [EVENT_SOURCE], 'detail-type': [...spec.detailTypes] },
        });
      }
    });

    it('targets a function per function rule, with retries and a dead-letter queue that alarms', () => {
      for (const spec of RULES.filter((rule) => rule.target.kind === 'function')) {
        const fnId = idOf(built.stack, built.rules.targets[spec.name].function);
        const rule = Object.values(template.findResources('AWS::Events::Rule')).find((r) => r.Properties.Description === spec.description)!;
        expect(rule.Properties.Targets).toEqual([expect.objectContaining({
          Arn: getAtt(fnId, 'Arn'),
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
          DeadLetterConfig: { Arn: getAtt(expect.any(String) as never, 'Arn') },
        })]);
        template.hasResourceProperties('AWS::Lambda::Permission', {
          Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: getAtt(fnId, 'Arn'),
        });
      }
      template.hasResourceProperties('AWS::Lambda::Function', { Description: 'Helpdesk bus rule plain', MemorySize: 256, Timeout: 12 });
      template.hasResourceProperties('AWS::Lambda::Function', { Description: 'Helpdesk bus rule everything', MemorySize: 512, Timeout: 30 });
    });

    it('targets the named queue for a queue rule', () => {
      const rule = Object.values(template.findResources('AWS::Events::Rule')).find((r) => r.Properties.Description === RULES[2].description)!;
      const queueId = idOf(built.stack, built.queues.queues['test-outbox'].queue);
      expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: getAtt(queueId, 'Arn') })]);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' } })]) },
      });
    });

    it('gives a job rule\'s queue the job data alone, and keeps jobs out of the rules that take every ticket event', () => {
      const jobs = eventStack({ rules: [
        RULES[0],
        { name: 'jobs', description: 'jobs to a queue', detailTypes: ['job.webhook.delivery'], target: { kind: 'queue', queue: 'test-outbox', body: 'job-data' } },
      ] });
      const rules = Object.values(Template.fromStack(jobs.stack).findResources('AWS::Events::Rule')) as Resource[];
      const job = rules.find((r) => r.Properties.Description === 'jobs to a queue')!;
      expect(job.Properties.EventPattern).toEqual({ source: [EVENT_SOURCE], 'detail-type': ['job.webhook.delivery'] });
      expect(job.Properties.Targets).toEqual([expect.objectContaining({ InputPath: '$.detail.data' })]);
      const every = rules.find((r) => r.Properties.Description === RULES[0].description)!;
      expect(every.Properties.EventPattern).toEqual({ source: [EVENT_SOURCE], 'detail-type': [{ prefix: 'ticket.' }] });
    });

    it('refuses a rule to a queue the manifest does not have, and duplicate rule names', () => {
      expect(() => eventStack({ rules: [{ name: 'lost', description: 'x', detailTypes: '*', target: { kind: 'queue', queue: 'nope' } }] }))
        .toThrow(/lost targets queue 'nope'/);
      expect(() => eventStack({ rules: [RULES[1], RULES[1]] })).toThrow(/unique: plain/);
    });
  });

  describe('dead letters', () => {
    it('shares one dead-letter queue among the pipe, the rules and the timers, and another among the work queues', () => {
      const events = idOf(built.stack, built.events.deadLetterQueue);
      expect(idOf(built.stack, built.rules.deadLetterQueue)).toBe(events);
      expect(idOf(built.stack, built.timers.deadLetterQueue)).toBe(events);
      const work = new Set(Object.values(built.queues.queues).map(({ deadLetterQueue }) => idOf(built.stack, deadLetterQueue)));
      expect(work.size).toBe(1); // the synthetic queues are all standard
      expect(work.has(events)).toBe(false); // SQS redrive to the source needs SQS-sourced messages only
    });

    it('watches all of them with one metric-math alarm on the sum of their depths, at the first message', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { Metrics: Match.anyValue() } })) as Resource[];
      expect(alarms).toHaveLength(1);
      const [alarm] = alarms;
      const queueIds = Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { MessageRetentionPeriod: 1_209_600 } }));
      expect(new Set(alarmedQueues(template))).toEqual(new Set(queueIds));
      const expression = (alarm.Properties.Metrics as { Id: string; Expression?: string; ReturnData: boolean }[]).find((m) => m.ReturnData)!;
      expect(expression.Expression).toBe(`SUM([${queueIds.map((_id, i) => `dlq${i}`).join(', ')}])`);
      expect(alarm.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
    });
  });

  describe('queues', () => {
    it('has per manifest entry an encrypted, TLS-only queue that redrives to its dead-letter queue', () => {
      for (const [name, spec] of Object.entries(QUEUES)) {
        const { queue, deadLetterQueue } = built.queues.queues[name];
        const resource = template.findResources('AWS::SQS::Queue')[idOf(built.stack, queue)] as Resource;
        expect(resource.Properties).toMatchObject({
          SqsManagedSseEnabled: true,
          VisibilityTimeout: spec.visibilityTimeoutSeconds,
          RedrivePolicy: { deadLetterTargetArn: getAtt(idOf(built.stack, deadLetterQueue), 'Arn'), maxReceiveCount: spec.maxReceiveCount },
        });
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: idOf(built.stack, queue) }],
          PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
        });
      }
    });

    it('alarms on dead letters, not on message age (a failing consumer is the Lambda Errors alarm\'s)', () => {
      for (const { deadLetterQueue } of Object.values(built.queues.queues)) {
        expect(alarmedQueues(template)).toContain(idOf(built.stack, deadLetterQueue));
      }
      // One alarm on every dead-letter queue, at the first message.
      template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Threshold: 1, Metrics: Match.anyValue() }, 1);
      const ageAlarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'))
        .filter((alarm) => alarm.Properties.MetricName === 'ApproximateAgeOfOldestMessage');
      expect(ageAlarms).toEqual([]);
    });

    it('feeds each consumer with the manifest batch size, reporting partial failures, within the visibility timeout', () => {
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', Object.keys(QUEUES).length);
      for (const [name, spec] of Object.entries(QUEUES)) {
        const { queue, consumer } = built.queues.queues[name];
        const fnId = idOf(built.stack, consumer.function);
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          EventSourceArn: getAtt(idOf(built.stack, queue), 'Arn'),
          FunctionName: { Ref: fnId },
          BatchSize: spec.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          MaximumBatchingWindowInSeconds: (spec as QueueSpec).batchingWindowSeconds ?? (spec.batchSize > 10 ? 1 : Match.absent()),
        });
        const fn = template.findResources('AWS::Lambda::Function')[fnId] as Resource;
        expect(fn.Properties.Timeout).toBe(consumerTimeoutSeconds(spec));
        expect(fn.Properties.Timeout).toBeLessThanOrEqual(spec.visibilityTimeoutSeconds);
        expect(fn.Properties.MemorySize).toBe(spec.memoryMb ?? 512);
      }
    });
  });

  describe('one-time timers', () => {
    it('has the schedule group of the manifest and its target function', () => {
      template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: SCHEDULES.groupName });
      const fn = template.findResources('AWS::Lambda::Function')[idOf(built.stack, built.timers.target.function)] as Resource;
      expect(fn.Properties).toMatchObject({ MemorySize: SCHEDULES.target.memoryMb, Timeout: SCHEDULES.target.timeoutSeconds });
      expect(fn.Properties.FunctionName).toMatch(/^[a-z0-9-]{1,64}$/);
    });

    it('has a role Scheduler assumes that may invoke the target and dead-letter, nothing else', () => {
      const roleId = idOf(built.stack, built.timers.role);
      const role = template.findResources('AWS::IAM::Role')[roleId] as Resource;
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      })]);
      const statements = statementsOf(template, roleId);
      const functionName = (template.findResources('AWS::Lambda::Function')[idOf(built.stack, built.timers.target.function)] as Resource).Properties.FunctionName;
      expect(statementWith(statements, 'lambda:InvokeFunction')?.Resource).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:function:${functionName}`]],
      });
      expect(statementWith(statements, 'sqs:SendMessage')?.Resource).toEqual(getAtt(idOf(built.stack, built.timers.deadLetterQueue), 'Arn'));
      expect(new Set(actionsOf(statements))).toEqual(new Set(['lambda:InvokeFunction', 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']));
    });
  });

  describe('capabilities', () => {
    let everything: { env: Record<string, unknown>; statements: Statement[] };
    let plain: { env: Record<string, unknown>; statements: Statement[] };
    const fnOf = (description: string) => {
      const fns = template.findResources('AWS::Lambda::Function', { Properties: { Description: description } });
      const fn = fns[onlyKey(fns)] as Resource;
      return { env: fn.Properties.Environment.Variables, statements: statementsOf(template, fn.Properties.Role['Fn::GetAtt'][0]) };
    };
    beforeAll(() => {
      everything = fnOf('Helpdesk bus rule everything');
      plain = fnOf('Helpdesk bus rule plain');
    });

    it("'queues': send to every manifest queue, each URL in QUEUE_URL_<NAME>", () => {
      for (const name of Object.keys(QUEUES)) {
        const queueId = idOf(built.stack, built.queues.queues[name].queue);
        expect(everything.env[queueUrlVariable(name)]).toEqual({ Ref: queueId });
        expect(allows(everything.statements, 'sqs:SendMessage', getAtt(queueId, 'Arn'))).toBe(true);
      }
    });

    it("'scheduler': create, update (an organization's weekly summary), get and delete schedules of the group only, pass the scheduler role only", () => {
      expect(everything.env).toMatchObject({
        [ENV.scheduleGroup]: SCHEDULES.groupName,
        [ENV.scheduleTargetArn]: { 'Fn::Join': ['', expect.arrayContaining([expect.stringMatching(/^:function:/)])] },
        [ENV.scheduleRoleArn]: getAtt(idOf(built.stack, built.timers.role), 'Arn'),
        [SCHEDULE_DLQ_ARN_ENV]: getAtt(idOf(built.stack, built.timers.deadLetterQueue), 'Arn'),
      });
      const schedules = statementWith(everything.statements, 'scheduler:CreateSchedule')!;
      expect([schedules.Action].flat().sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule', 'scheduler:UpdateSchedule']);
      expect(JSON.stringify(schedules.Resource)).toContain(`:schedule/${SCHEDULES.groupName}/*`);
      expect(statementWith(everything.statements, 'iam:PassRole')).toMatchObject({
        Resource: getAtt(idOf(built.stack, built.timers.role), 'Arn'),
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      });
    });

    it("'scheduler' on the timer target itself: its own ARN without a circular reference", () => {
      const fn = template.findResources('AWS::Lambda::Function')[idOf(built.stack, built.timers.target.function)] as Resource;
      const ownArn = JSON.stringify(fn.Properties.Environment.Variables[ENV.scheduleTargetArn]);
      expect(ownArn).toContain(`:function:${fn.Properties.FunctionName}`);
    });

    it("'eventbus': PutEvents on the bus, its name in EVENT_BUS_NAME", () => {
      const busId = idOf(built.stack, built.events.bus);
      expect(everything.env[EVENT_BUS_NAME_ENV]).toEqual({ Ref: busId });
      expect(statementWith(everything.statements, 'events:PutEvents')?.Resource).toEqual(getAtt(busId, 'Arn'));
    });

    it("'mail-send': SendEmail from the mail domains' identities only; 'mail-bucket': objects of the bucket", () => {
      expect(everything.env.MAIL_FROM_DOMAIN).toBe('support.example.com');
      const send = statementWith(everything.statements, 'ses:SendEmail')!;
      expect([send.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(JSON.stringify(send.Resource)).toContain(':identity/support.example.com"');
      expect(JSON.stringify(send.Resource)).toContain(':identity/help.example.org"');
      expect([send.Resource].flat()).toHaveLength(2);
      const bucketId = onlyKey(template.findResources('AWS::S3::Bucket'));
      expect(everything.env.MAIL_BUCKET).toEqual({ Ref: bucketId });
      const objects = statementWith(everything.statements, 's3:GetObject')!;
      expect([objects.Action].flat().sort()).toEqual(['s3:GetObject', 's3:PutObject']);
      expect(objects.Resource).toEqual({ 'Fn::Join': ['', [getAtt(bucketId, 'Arn'), '/*']] });
    });

    it("'websocket-post': ManageConnections on the stage's @connections, the endpoint in the environment", () => {
      expect(everything.env[ENV.websocketEndpoint]).toBe(WS.callbackUrl);
      const manage = statementWith(everything.statements, 'execute-api:ManageConnections')!;
      expect(JSON.stringify(manage.Resource)).toContain(`:${WS.api.apiId}/${WS.stageName}/*/@connections/*`);
    });

    it('grants nothing beyond the table to a function that needs nothing', () => {
      const granted = ['sqs:SendMessage', 'scheduler:CreateSchedule', 'iam:PassRole', 'events:PutEvents', 'ses:SendEmail', 's3:GetObject', 'execute-api:ManageConnections'];
      for (const action of granted) expect(actionsOf(plain.statements)).not.toContain(action);
      for (const variable of [EVENT_BUS_NAME_ENV, ENV.scheduleGroup, 'MAIL_BUCKET', 'MAIL_FROM_DOMAIN', ENV.websocketEndpoint, queueUrlVariable('test-outbox')]) {
        expect(plain.env[variable]).toBeUndefined();
      }
    });

    it('fails the synth, naming the function and the capability, when nothing provides a need', () => {
      const { stack } = eventStack({ websocket: false, mail: false });
      expect(() => Template.fromStack(stack)).toThrow(/Rules\/Everything\/Target needs 'websocket-post', but nothing provides it/);
      const noQueues = eventStack({ queues: {}, rules: [RULES[0]] });
      expect(() => Template.fromStack(noQueues.stack)).toThrow(/needs 'queues', but nothing provides it: the manifest has no queues/);
    });
  });

  it('has no cdk-nag AwsSolutions findings left unacknowledged', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(built.stack);
    if (violations.length > 0) console.error(JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
  });
});

import { ENV, queueUrlEnv as queueUrlVariable } from '../../functions/config';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_RULES } from '../../functions/manifest/event-rules';
import { QUEUE_NAMES, QUEUES } from '../../functions/manifest/queues';
import { SCHEDULES } from '../../functions/manifest/schedules';
import type { Capability, QueueSpec } from '../../functions/manifest/spec';
import { EVENT_BUS_NAME_ENV } from '../../lib/constructs/event-bus';
import { eventPatternOf } from '../../lib/constructs/event-rules';
import { HelpdeskStack } from '../../lib/helpdesk-stack';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';
import { MANIFEST_FUNCTIONS } from './manifest-functions';

type Resource = { Type: string; Properties: Record<string, any> };

/**
 * The environment variable each capability sets: its presence shows the grant was made. The
 * erase capabilities add a DeleteObject grant beside 'attachments' / 'mail-bucket' and no variable of their own;
 * 'captcha' adds nothing unless the stack has a CAPTCHA (tested on its own below).
 */
const ENV_OF: Record<Exclude<Capability, 'attachments-erase' | 'mail-bucket-erase' | 'captcha'>, string> = {
  queues: queueUrlVariable(QUEUE_NAMES[0] ?? 'none'),
  scheduler: ENV.scheduleGroup,
  eventbus: EVENT_BUS_NAME_ENV,
  'mail-send': 'MAIL_FROM_DOMAIN',
  'mail-bucket': 'MAIL_BUCKET',
  'websocket-post': ENV.websocketEndpoint,
  attachments: ENV.attachmentsBucket,
  'link-signing': ENV.linkSigningKeyId,
  'public-urls': ENV.publicApiUrl,
  'meta-secrets': ENV.metaSecretsKeyId,
  bedrock: ENV.bedrockRegion,
};

let stack: HelpdeskStack;
let template: Template;
let functions: Resource[];

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  stack = new HelpdeskStack(app, 'Helpdesk', {});
  template = Template.fromStack(stack);
  functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
}, 120_000);

describe('the Helpdesk stack from the real manifests', () => {
  it('has exactly one function per manifest entry, with its memory and timeout, and what the features add besides', () => {
    for (const expected of MANIFEST_FUNCTIONS) {
      const matching = functions.filter((fn) => fn.Properties.Description === expected.description);
      expect(matching, expected.description).toHaveLength(1);
      expect(matching[0].Properties).toMatchObject({
        MemorySize: expected.memoryMb, Timeout: expected.timeoutSeconds, Runtime: 'nodejs24.x', Architectures: ['arm64'],
      });
    }
    expect(functions.length).toBeGreaterThanOrEqual(MANIFEST_FUNCTIONS.length);
  });

  it('gives every manifest function the environment of each capability it needs, and none it does not', () => {
    for (const expected of MANIFEST_FUNCTIONS) {
      const fn = functions.find((candidate) => candidate.Properties.Description === expected.description)!;
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      for (const [capability, variable] of Object.entries(ENV_OF) as [Capability, string][]) {
        if (capability === 'queues' && QUEUE_NAMES.length === 0) continue;
        expect(env[variable] !== undefined, `${expected.description} ${capability}`).toBe(expected.needs.includes(capability));
      }
      if (expected.needs.includes('queues')) {
        for (const name of QUEUE_NAMES) expect(env[queueUrlVariable(name)]).toBeDefined();
      }
    }
  });

  it('has one rule per EVENT_RULES entry on the ticket bus', () => {
    const bus = Object.keys(template.findResources('AWS::Events::EventBus'));
    expect(bus).toHaveLength(1);
    const rules = template.findResources('AWS::Events::Rule', { Properties: { EventBusName: { Ref: bus[0] } } });
    expect(Object.keys(rules)).toHaveLength(EVENT_RULES.length);
    for (const rule of EVENT_RULES) {
      const { source, detailType, detail } = eventPatternOf(rule) as { source: string[]; detailType?: string[]; detail?: object };
      template.hasResourceProperties('AWS::Events::Rule', {
        Description: rule.description,
        EventPattern: Match.objectEquals({ source, 'detail-type': detailType, ...(detail ? { detail } : {}) }),
      });
    }
    // A content filter reaches the deployed rule: the WhatsApp/Instagram sender wakes only for its tickets.
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: Match.objectLike({ ticket: { channel: ['whatsapp', 'instagram'] } }) }),
    });
    // `$or` and `exists` reach it as EventBridge reads them: the router wakes for escalations naming a department.
    template.hasResourceProperties('AWS::Events::Rule', {
      Description: EVENT_RULES.find((rule) => rule.name === 'ticket-router')!.description,
      EventPattern: Match.objectLike({
        detail: { $or: Match.arrayWith([{ type: ['ticket.escalated'], data: { departmentId: [{ exists: true }] } }]) },
      }),
    });
  });

  it('refuses at synth a content filter EventBridge would misread or CloudFormation refuse', () => {
    const rule = { name: 'bad', description: 'bad', detailTypes: ['ticket.created'] as const, target: { kind: 'queue' as const, queue: 'x' } };
    expect(() => eventPatternOf({ ...rule, detail: { $or: [{ type: ['ticket.created'] }] } })).toThrow(/\$or needs two or more patterns/);
    expect(() => eventPatternOf({ ...rule, detail: { ticket: { assigneeId: [null as never] } } })).toThrow(/null/);
  });

  it('has per QUEUES entry a queue with its redrive and visibility, and an event source reporting partial failures', () => {
    for (const spec of Object.values(QUEUES) as QueueSpec[]) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: spec.visibilityTimeoutSeconds,
        RedrivePolicy: { maxReceiveCount: spec.maxReceiveCount, deadLetterTargetArn: Match.anyValue() },
      });
    }
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Resource[];
    const sqsMappings = mappings.filter((mapping) => JSON.stringify(mapping.Properties.EventSourceArn).includes('Queue'));
    expect(sqsMappings.length).toBeGreaterThanOrEqual(QUEUE_NAMES.length);
    for (const mapping of sqsMappings) expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('has the pipe, the schedule group of SCHEDULES and the role Scheduler assumes', () => {
    template.resourceCountIs('AWS::Pipes::Pipe', 1);
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: SCHEDULES.groupName });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] },
    });
  });
});

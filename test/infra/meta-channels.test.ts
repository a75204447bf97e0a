import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config';
import { FUNCTION_URLS } from '../../functions/manifest/function-urls';
import { HelpdeskStack } from '../../lib/helpdesk-stack';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';
import { alarmedQueues } from './dead-letter-alarms';

type Resource = { Type: string; Properties: Record<string, any> };
let stack: HelpdeskStack;
let template: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  stack = new HelpdeskStack(app, 'Helpdesk', {});
  template = Template.fromStack(stack);
}, 120_000);

const functionNamed = (description: string) => {
  const found = Object.entries(template.findResources('AWS::Lambda::Function', { Properties: { Description: description } }));
  expect(found, description).toHaveLength(1);
  return found[0] as [string, Resource];
};

describe('WhatsApp and Instagram in the stack', () => {
  it('has one Function URL per manifest entry, auth NONE (Meta signs), on the function of that entry', () => {
    const urls = Object.values(template.findResources('AWS::Lambda::Url')) as Resource[];
    expect(urls).toHaveLength(FUNCTION_URLS.length);
    for (const spec of FUNCTION_URLS) {
      const [logicalId, fn] = functionNamed(`Helpdesk function URL ${spec.name}`);
      expect(fn.Properties.MemorySize).toBe(spec.memoryMb);
      expect(fn.Properties.Timeout).toBe(spec.timeoutSeconds);
      expect(urls.some((url) => url.Properties.AuthType === 'NONE' && JSON.stringify(url.Properties.TargetFunctionArn).includes(logicalId))).toBe(true);
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(expect.arrayContaining([ENV.metaSecretsKeyId, 'QUEUE_URL_META_INBOUND']));
    }
    // Anyone may invoke the URL (Meta has no AWS credentials): the permission says so, for URLs only.
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' });
  });

  it('queues inbound events on a FIFO queue without content-based deduplication, with a FIFO dead-letter queue and alarms', () => {
    const queues = template.findResources('AWS::SQS::Queue', { Properties: { FifoQueue: true } });
    expect(Object.keys(queues)).toHaveLength(2);
    const main = Object.values(queues).find((q) => (q as Resource).Properties.RedrivePolicy) as Resource;
    expect(main.Properties).toMatchObject({ ContentBasedDeduplication: false, VisibilityTimeout: 180, RedrivePolicy: { maxReceiveCount: 5 } });
    const [consumerId] = functionNamed('Helpdesk queue consumer meta-inbound');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: consumerId }, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const dlqId = Object.entries(queues).find(([, q]) => !(q as Resource).Properties.RedrivePolicy)![0];
    expect(main.Properties.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
    expect(alarmedQueues(template)).toContain(dlqId);
  });

  it('keeps the channel-secrets key in one SSM parameter (no KMS key: idle cost) that only the functions needing it may read', () => {
    expect(template.findResources('AWS::KMS::Key')).toEqual({});
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const granted = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('meta-secrets-key'));
    for (const policy of granted) {
      const statements = policy.Properties.PolicyDocument.Statement.filter((s: any) => JSON.stringify(s.Resource).includes('meta-secrets-key'));
      for (const statement of statements) expect([statement.Action].flat().sort()).toEqual(['ssm:GetParameter', 'ssm:PutParameter']);
    }
    // Roles are shared per permission set: the HTTP channels group with the sender (meta-secrets),
    // both Function URLs (meta-secrets and queues), the worker (its own: it consumes its queue).
    expect(granted).toHaveLength(3);
    for (const description of ['Helpdesk HTTP channels', 'Helpdesk bus rule meta-sender', 'Helpdesk queue consumer meta-inbound',
      ...FUNCTION_URLS.map((spec) => `Helpdesk function URL ${spec.name}`)]) {
      const roleId = functionNamed(description)[1].Properties.Role['Fn::GetAtt'][0];
      expect(granted.some((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }])), description).toBe(true);
    }
    // And no other function's role may read it.
    const grantedRoles = new Set(granted.flatMap((policy) => policy.Properties.Roles.map((r: { Ref: string }) => r.Ref)));
    const others = Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>)
      .filter((fn) => grantedRoles.has(fn.Properties.Role?.['Fn::GetAtt']?.[0]))
      .map((fn) => fn.Properties.Description as string);
    expect(others.sort()).toEqual(['Helpdesk HTTP channels', 'Helpdesk bus rule meta-sender', 'Helpdesk queue consumer meta-inbound',
      ...FUNCTION_URLS.map((spec) => `Helpdesk function URL ${spec.name}`)].sort());
    const [senderId, sender] = functionNamed('Helpdesk bus rule meta-sender');
    expect(senderId).toBeTruthy();
    expect(sender.Properties.Environment.Variables[ENV.metaSecretsKeyId]).toMatch(/\/meta-secrets-key$/);
  });

  it('leaves no cdk-nag finding unacknowledged', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});

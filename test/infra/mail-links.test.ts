import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { HelpdeskStack } from '../../lib/helpdesk-stack';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';

let stack: Stack;
let template: Template;
beforeAll(() => {
  stack = new HelpdeskStack(new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } }), 'Helpdesk', {});
  template = Template.fromStack(stack);
}, 120_000);

const functionsWithEnv = (name: string) =>
  Object.values(template.findResources('AWS::Lambda::Function')).filter((f: any) => f.Properties.Environment?.Variables?.[name] !== undefined) as any[];

describe('signed links in mail', () => {
  it('has no KMS key (idle cost): the HMAC key is an SSM SecureString made on first use', () => {
    expect(template.findResources('AWS::KMS::Key')).toEqual({});
  });

  it('lets only the notifier and the public link routes read (or first make) that one parameter, named in their environment', () => {
    const signing = functionsWithEnv('LINK_SIGNING_KEY_ID');
    expect(signing).toHaveLength(2);
    for (const fn of signing) expect(fn.Properties.Environment.Variables.LINK_SIGNING_KEY_ID).toBe('/Helpdesk/link-signing-key');
    const withUrl = functionsWithEnv('PUBLIC_API_URL');
    expect(withUrl).toHaveLength(1);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as any[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s: any) => JSON.stringify(s.Resource).includes('link-signing-key'));
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      expect(statement).toMatchObject({ Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:PutParameter'] });
      expect(JSON.stringify(statement.Resource)).toContain(':parameter/Helpdesk/link-signing-key');
    }
  });

  it('passes cdk-nag', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});

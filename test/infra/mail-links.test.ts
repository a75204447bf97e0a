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
  it('has an HMAC KMS key for generating and verifying MACs, kept on stack deletion', () => {
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    template.hasResource('AWS::KMS::Key', { Properties: { KeySpec: 'HMAC_256' }, DeletionPolicy: 'Retain' });
  });

  it('grants the MAC actions only to the notifier and the public link routes, with the key id and the API URL', () => {
    const signing = functionsWithEnv('LINK_SIGNING_KEY_ID');
    expect(signing).toHaveLength(2);
    const withUrl = functionsWithEnv('PUBLIC_API_URL');
    expect(withUrl).toHaveLength(1);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as any[];
    const macStatements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s: any) => JSON.stringify(s.Action).includes('kms:GenerateMac'));
    expect(macStatements).toHaveLength(2);
    for (const statement of macStatements) {
      expect(statement).toMatchObject({ Effect: 'Allow', Action: ['kms:GenerateMac', 'kms:VerifyMac'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/LinkSigningKey/), 'Arn'] } });
    }
  });

  it('passes cdk-nag', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});

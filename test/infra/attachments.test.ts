import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config';
import { HelpdeskAttachments } from '../../lib/constructs/attachments';
import { HelpdeskStack } from '../../lib/helpdesk-stack';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown; Principal?: unknown };
type Resource = { Properties: Record<string, any> };

let stack: HelpdeskStack;
let template: Template;
let bucketId: string;

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  stack = new HelpdeskStack(app, 'Helpdesk', { corsOrigins: ['https://desk.example.com'] });
  template = Template.fromStack(stack);
  bucketId = stack.resolve((stack.helpdesk.attachments.bucket.node.defaultChild as unknown as { logicalId: string }).logicalId);
}, 120_000);

describe('the attachments bucket', () => {
  it('is private, encrypted, owner-enforced and kept, with CORS for the console\'s origins and signed form uploads from anywhere', () => {
    const bucket = template.findResources('AWS::S3::Bucket')[bucketId] as Resource & { DeletionPolicy?: string };
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      CorsConfiguration: {
        CorsRules: [
          expect.objectContaining({ AllowedMethods: ['POST', 'GET', 'HEAD'], AllowedOrigins: expect.arrayContaining(['https://desk.example.com']) }),
          // The public form posts files from whatever site embeds it; only POST, and only with a signed policy.
          expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: ['*'] }),
        ],
      },
    });
  });

  it('expires never-attached uploads after a day and keeps attached files', () => {
    const rules = (template.findResources('AWS::S3::Bucket')[bucketId] as Resource).Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ Id: 'unattached-uploads', Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
      expect.objectContaining({ Id: 'incomplete-multipart', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    ]));
    const tickets = rules.find((rule) => rule.Prefix === 'tickets/');
    expect(tickets).toBeDefined();
    expect(tickets).not.toHaveProperty('ExpirationInDays');
  });

  it('denies plain HTTP and TLS below 1.2 in its bucket policy, and allows no one by policy', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } })) as Resource[];
    expect(policies).toHaveLength(1);
    const statements = policies[0].Properties.PolicyDocument.Statement as Statement[];
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
    ]));
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  it("grants 'attachments' as spelt-out object actions under uploads/ and tickets/, with the bucket's name", () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
    const withBucket = functions.filter((fn) => fn.Properties.Environment?.Variables?.[ENV.attachmentsBucket]);
    const descriptions = withBucket.map((fn) => String(fn.Properties.Description));
    for (const name of ['attachments', 'tickets', 'ticket-messages', 'suspended-mail', 'email-inbound']) {
      expect(descriptions.some((d) => d.includes(name)), name).toBe(true);
    }
    expect(withBucket.every((fn) => JSON.stringify(fn.Properties.Environment.Variables[ENV.attachmentsBucket]) === JSON.stringify({ Ref: bucketId }))).toBe(true);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => (p as Resource).Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => JSON.stringify(s.Resource).includes(bucketId));
    const join = (suffix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, suffix]] });
    expect(statements).toContainEqual(expect.objectContaining({ Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: [join('/tickets/*'), join('/uploads/*')] }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: 's3:DeleteObject', Resource: join('/uploads/*') }));
    expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('s3:*');
  });

  it('passes cdk-nag with only the acknowledged findings', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(stack);
    if (violations.length > 0) console.error(JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
  });

  it('defaults to any origin (the forms are signed) and stands alone as a construct', () => {
    const alone = new Stack(new App({ context: cdkJsonContext() }), 'Alone');
    new HelpdeskAttachments(alone, 'Files');
    Template.fromStack(alone).hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['*'] }), Match.objectLike({ AllowedMethods: ['POST'], AllowedOrigins: ['*'] })] },
    });
    expect(new AwsSolutionsChecks().validateScope(alone).violations).toEqual([]);
  });
});

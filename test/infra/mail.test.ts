import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { Capabilities } from '../../lib/constructs/capabilities';
import { HelpdeskMail, INBOUND_PREFIX, MAIL_DOMAINS_CONTEXT } from '../../lib/constructs/mail';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';

let stack: Stack;
let template: Template;
let mail: HelpdeskMail;

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  stack = new Stack(app, 'MailTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const dlq = new Queue(stack, 'InboundDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
  Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'Test fixture: the dead-letter queue itself.' });
  const queue = new Queue(stack, 'Inbound', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
  const capabilities = new Capabilities(stack, 'Capabilities');
  mail = new HelpdeskMail(stack, 'Mail', { mailDomains: ['help.example.com', 'support.example.org'], inboundQueue: queue, capabilities });
  template = Template.fromStack(stack);
});

describe('HelpdeskMail', () => {
  it('keeps raw mail in an encrypted, private, TLS-only bucket with a lifecycle', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'raw-mail', Prefix: INBOUND_PREFIX, ExpirationInDays: 365, Status: 'Enabled' }),
          Match.objectLike({ Id: 'incomplete-uploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        ]),
      },
    });
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });

  it('lets SES of this account put under inbound/ and denies plain HTTP', () => {
    const [policy] = Object.values(template.findResources('AWS::S3::BucketPolicy')) as { Properties: { PolicyDocument: { Statement: any[] } } }[];
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({
        Effect: 'Allow', Action: 's3:PutObject', Principal: { Service: 'ses.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': expect.anything() } },
      }),
    ]));
    const put = statements.find((s) => s.Action === 's3:PutObject');
    expect(JSON.stringify(put.Resource)).toContain(`/${INBOUND_PREFIX}*`);
  });

  it('has a receipt rule for the support domains: scan, TLS, S3 action notifying the topic', () => {
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Enabled: true,
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Recipients: ['help.example.com', 'support.example.org'],
        Actions: [{ S3Action: { BucketName: Match.anyValue(), ObjectKeyPrefix: INBOUND_PREFIX, TopicArn: { Ref: Match.stringLikeRegexp('InboundTopic') } } }],
      },
    });
  });

  it('publishes to a TLS-only topic SES may use (no customer managed key: idle cost), subscribed by the queue with raw delivery off', () => {
    template.resourcePropertiesCountIs('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() }, 0);
    expect(template.findResources('AWS::KMS::Key')).toEqual({});
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } })]) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Inbound[0-9A-F]+$'), 'Arn'] } });
    const [subscription] = Object.values(template.findResources('AWS::SNS::Subscription')) as { Properties: Record<string, unknown> }[];
    expect(subscription.Properties.RawMessageDelivery ?? false).toBe(false);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' } })]) },
    });
  });

  it('provides mail-send and mail-bucket, exposing the bucket and domains', () => {
    expect(mail.bucket).toBe(mail.mailBucket);
    expect(mail.mailDomains).toEqual(['help.example.com', 'support.example.org']);
  });

  it('reads the domains from the context when the props name none', () => {
    const app = new App({ context: { [MAIL_DOMAINS_CONTEXT]: 'a.example.com, b.example.com' } });
    const other = new HelpdeskMail(new Stack(app, 'Ctx'), 'Mail');
    expect(other.mailDomains).toEqual(['a.example.com', 'b.example.com']);
  });

  it('passes cdk-nag with no violations', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(stack);
    if (violations.length) console.error(JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
  });
});

import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, StorageClass } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { S3 } from 'aws-cdk-lib/aws-ses-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Capabilities, MailCapabilitySource } from './capabilities';

/** Where SES writes raw inbound mail; the ingest worker writes attachments under `tickets/`. */
export const INBOUND_PREFIX = 'inbound/';
/** The CDK context key naming the support domains when the props do not. */
export const MAIL_DOMAINS_CONTEXT = 'helpdesk:mailDomains';
const PLACEHOLDER_DOMAIN = 'support.example.com';

export interface HelpdeskMailProps {
  /**
   * Domains whose mail SES receives for the helpdesk (MX to SES inbound) and sends from
   * (verified SES identities).
   * @default - the CDK context `helpdesk:mailDomains` (a list or a comma-separated string), else
   * `support.example.com` with a synth warning
   */
  readonly mailDomains?: readonly string[];
  /** The manifest's `email-inbound` queue: SNS delivers the SES notifications to it. */
  readonly inboundQueue?: IQueue;
  /** When given, 'mail-send' and 'mail-bucket' are provided to it. @default - not provided */
  readonly capabilities?: Capabilities;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long raw inbound MIME is kept. Attachments under `tickets/` are kept.
   * @default Duration.days(365)
   */
  readonly rawMailRetention?: Duration;
}

/**
 * Email in AWS: the bucket for raw MIME and attachments (encrypted, TLS only, lifecycle), the
 * SES receipt rule set with one rule for the support domains whose S3 action stores the mail
 * and notifies an SNS topic, and the topic's subscription of the `email-inbound` queue (raw
 * delivery off: the body is the SNS envelope). The rule set must be made active once
 * (`aws ses set-active-receipt-rule-set`): CloudFormation cannot, and an account has one.
 */
export class HelpdeskMail extends Construct implements MailCapabilitySource {
  readonly mailBucket: Bucket;
  readonly bucket: IBucket;
  readonly topic: Topic;
  readonly ruleSet: ReceiptRuleSet;
  readonly mailDomains: readonly string[];

  constructor(scope: Construct, id: string, props: HelpdeskMailProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.mailDomains = props.mailDomains ?? domainsFromContext(this);
    if (!props.mailDomains && this.mailDomains[0] === PLACEHOLDER_DOMAIN) {
      Annotations.of(this).addWarningV2('helpdesk:mail-domains', `No mail domains given: set the context ${MAIL_DOMAINS_CONTEXT} (receiving ${PLACEHOLDER_DOMAIN} for now).`);
    }
    const ses = new ServicePrincipal('ses.amazonaws.com');

    this.mailBucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      versioned: false,
      removalPolicy,
      autoDeleteObjects: false,
      lifecycleRules: [
        { id: 'raw-mail', prefix: INBOUND_PREFIX, expiration: props.rawMailRetention ?? Duration.days(365),
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }] },
        { id: 'attachments', prefix: 'tickets/', transitions: [{ storageClass: StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(0) }] },
        { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    this.bucket = this.mailBucket;
    Validations.of(this.mailBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Written only by SES and read by the Helpdesk functions\' roles; object access is audited with CloudTrail data events rather than a second log bucket.',
    });

    // No customer managed key ($1 a month at idle): SES can publish only to a topic under a key
    // whose policy lets it, which the AWS managed aws/sns key's does not. The notification names
    // the S3 object and carries the mail's headers; SNS hands it at once to the inbound queue
    // (SQS-managed encryption at rest) over TLS only, and the mail itself stays in the encrypted bucket.
    this.topic = new Topic(this, 'InboundTopic', { enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'SES cannot publish to an aws/sns-encrypted topic and a customer managed key costs $1 a month at idle; messages are delivered '
        + 'at once to the SSE-encrypted inbound queue over TLS (enforceSSL), and the raw mail stays in the encrypted bucket.',
    });
    this.topic.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowSesReceiptOfThisAccount',
      principals: [ses],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));

    // The S3 action adds the bucket policy that lets SES put under `inbound/` (for this account).
    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {
      rules: [{
        recipients: [...this.mailDomains],
        scanEnabled: true,
        tlsPolicy: TlsPolicy.REQUIRE,
        actions: [new S3({ bucket: this.mailBucket, objectKeyPrefix: INBOUND_PREFIX, topic: this.topic })],
      }],
    });

    if (props.inboundQueue) this.topic.addSubscription(new SqsSubscription(props.inboundQueue, { rawMessageDelivery: false }));
    props.capabilities?.provideMail(this);
  }
}

function domainsFromContext(scope: Construct): string[] {
  const value: unknown = scope.node.tryGetContext(MAIL_DOMAINS_CONTEXT);
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  const domains = list.map((d) => d.trim().toLowerCase()).filter(Boolean);
  return domains.length ? domains : [PLACEHOLDER_DOMAIN];
}

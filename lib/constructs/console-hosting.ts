import { type CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods, CachePolicy, Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, PriceClass,
  ResponseHeadersPolicy, SecurityPolicyProtocol, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { DockerImage } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WEB_ROOT, buildWebSync } from '../../web/build';

export interface ConsoleHostingProps {
  /**
   * What happens to the site and log buckets when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * A custom domain for the console, with its ACM certificate (in us-east-1). With one, viewers
   * need TLS 1.2 or later; on the default `*.cloudfront.net` name CloudFront decides.
   * @default - the distribution's own domain
   */
  readonly domainName?: string;
  readonly certificate?: ICertificate;
  /**
   * A WAF web ACL (CLOUDFRONT scope) to put in front of the console.
   * @default - none (the console is static files; the API has its own throttling)
   */
  readonly webAclId?: string;
  /**
   * How long CloudFront access logs are kept.
   * @default Duration.days(90)
   */
  readonly logRetention?: Duration;
}

/** What the app reads from `config.json` at start (web/src/core/config.ts). */
export interface ConsoleConfig {
  apiUrl: string;
  wsUrl: string;
  auth: { kind: 'cognito'; domain: string; clientId: string; redirectUri: string; scopes: string[] };
}

/**
 * The agent console and customer portal: the web/ build in a private bucket behind CloudFront
 * (origin access control, HTTPS only, security headers). `deploy()` uploads the build with a
 * `config.json` naming this deployment's API, WebSocket and Cognito hosted UI, so one build
 * serves every stage.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<domain>` without a trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const stack = Stack.of(this);

    this.logBucket = new Bucket(this, 'Logs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs are delivered with an ACL: the bucket must accept them.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: props.logRetention ?? Duration.days(90) }],
      removalPolicy,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the console bucket and distribution; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy,
    });

    const cognitoHosts = `https://*.auth.${stack.region}.amazoncognito.com`;
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Helpdesk console: CSP, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            // The API and WebSocket, the hosted UI's token endpoint, S3 for attachment uploads and downloads.
            `connect-src 'self' https://*.execute-api.${stack.region}.${stack.urlSuffix} wss://*.execute-api.${stack.region}.${stack.urlSuffix} ${cognitoHosts} https://*.s3.${stack.region}.${stack.urlSuffix} https://*.s3.${stack.urlSuffix}`,
            `form-action 'self' ${cognitoHosts}`,
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
          ].join('; '),
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    // index.html and config.json change with every deployment; the hashed assets never do.
    const uncached = { origin, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cachePolicy: CachePolicy.CACHING_DISABLED, responseHeadersPolicy: headers, compress: true };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Helpdesk agent console and customer portal',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: { '/index.html': uncached, '/config.json': uncached },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      // Only a custom certificate lets the distribution choose its viewer TLS policy.
      minimumProtocolVersion: props.certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      domainNames: props.domainName ? [props.domainName] : undefined,
      certificate: props.certificate,
      webAclId: props.webAclId,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    this.url = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Agents and customers of a support desk are wherever the business is; geo restriction is left to a WAF web ACL (webAclId).',
    });
    if (!props.webAclId) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'The console is static files behind OAC (no origin to attack); a web ACL costs per month even when idle, so it is opt-in with webAclId. The API it calls has stage throttling.',
      });
    }
    if (!props.certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'On the default *.cloudfront.net certificate CloudFront fixes the viewer TLS policy; with a custom domain and certificate the distribution requires TLS 1.2 (TLS_V1_2_2021).',
      });
    }
  }

  /**
   * Uploads the web/ build (built locally with esbuild at synth, never in Docker) and this
   * deployment's `config.json`, then invalidates the two uncached files.
   */
  deploy(config: ConsoleConfig, options: { logRetention?: RetentionDays; removalPolicy?: RemovalPolicy } = {}): BucketDeployment {
    const build = Source.asset(WEB_ROOT, {
      exclude: ['build.ts', 'tsconfig.json'],
      bundling: {
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-alpine'),
        local: { tryBundle: (outputDir) => (buildWebSync(outputDir), true) },
      },
    });
    // CDK's copy handler, on a role and log group of ours: no managed policy, the stack's retention.
    const logs = new LogGroup(this, 'DeployLogs', {
      retention: options.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: options.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Helpdesk console deployment: copies the build and config.json into the console bucket',
    });
    logs.grantWrite(role);
    const deployment = new BucketDeployment(this, 'Deploy', {
      role,
      logGroup: logs,
      sources: [build, Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
    acknowledgeDeploymentHandler(this, deployment);
    // Its errors and throttles raise the stack's account-wide Lambda alarms like every function's.
    return deployment;
  }
}

/** The CDK bootstrap asset bucket's ARN as cdk-nag prints it (placeholders in an environment-agnostic stack). */
function assetBucketArn(stack: Stack): string {
  const qualifier = (stack.synthesizer as { bootstrapQualifier?: string }).bootstrapQualifier ?? 'hnb659fds';
  const region = Token.isUnresolved(stack.region) ? undefined : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const partition = region ? (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws') : '<AWS::Partition>';
  return `arn:${partition}:s3:::cdk-${qualifier}-assets-${account}-${region ?? '<AWS::Region>'}`;
}

/**
 * BucketDeployment's Lambda is CDK's own singleton at the stack's root; its findings come with
 * CDK's design of it, acknowledged one by one (cdk-nag reports bracketed ids exactly).
 */
function acknowledgeDeploymentHandler(scope: ConsoleHosting, deployment: BucketDeployment) {
  const stack = Stack.of(scope);
  const siteArn = `<${stack.getLogicalId(scope.bucket.node.defaultChild as CfnElement)}.Arn>`;
  const reasons: Record<string, string> = {
    'AwsSolutions-IAM5[Action::s3:GetBucket*]': 'CDK\'s grantRead of the asset and console buckets to the BucketDeployment handler.',
    'AwsSolutions-IAM5[Action::s3:GetObject*]': 'CDK\'s grantRead of the asset and console buckets to the BucketDeployment handler.',
    'AwsSolutions-IAM5[Action::s3:List*]': 'CDK\'s grantRead of the asset and console buckets to the BucketDeployment handler.',
    'AwsSolutions-IAM5[Action::s3:Abort*]': 'CDK\'s grantReadWrite of the console bucket: the handler replaces and prunes the build.',
    'AwsSolutions-IAM5[Action::s3:DeleteObject*]': 'CDK\'s grantReadWrite of the console bucket: the handler replaces and prunes the build.',
    [`AwsSolutions-IAM5[Resource::${assetBucketArn(stack)}/*]`]:
      'The handler reads the build and config.json from the CDK asset bucket, whose object keys are content hashes.',
    [`AwsSolutions-IAM5[Resource::${siteArn}/*]`]: 'The handler writes every object of the console bucket, and only that bucket.',
    'AwsSolutions-IAM5[Resource::*]': 'cloudfront:CreateInvalidation and GetInvalidation do not support resource-level permissions.',
  };
  const handlers = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  for (const target of [deployment.handlerRole, ...handlers]) {
    for (const [id, reason] of Object.entries(reasons)) Validations.of(target).acknowledge({ id, reason });
    Validations.of(target).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The runtime of CDK\'s BucketDeployment handler is pinned by aws-cdk-lib; it moves with CDK upgrades.',
    });
  }
}

import { type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ENV } from '../../functions/config';
import type { Capabilities } from './capabilities';


export interface MailLinksProps {
  readonly capabilities: Capabilities;
  /** The public API's base URL the links in mail point to (the HTTP API stage URL, or a custom domain). */
  readonly apiUrl: string;
  /** Kept for compatibility: the signing key is an SSM parameter, never deleted with the stack. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The signed links in customer mail (survey, unsubscribe): HMAC-SHA-256 under a key held in an
 * SSM SecureString parameter (`parameterName`), provided as 'link-signing'; the API's public URL
 * for building them, provided as 'public-urls'.
 *
 * Why not a KMS HMAC key, where the key never leaves KMS: it costs $1 a month at idle, and the
 * stack's idle cost is zero by design. The parameter is encrypted with the AWS managed `aws/ssm`
 * key (free), only the functions that sign or verify links may read it, and the first of them
 * makes it (CloudFormation cannot create a SecureString); it outlives the stack, so links in
 * sent mail stay valid across a redeploy. Delete it by hand after deleting the stack for good.
 */
export class MailLinks extends Construct {
  /** The SSM parameter that holds the signing key. */
  readonly parameterName: string;

  constructor(scope: Construct, id: string, props: MailLinksProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.parameterName = `/${stack.stackName}/link-signing-key`;
    const parameterArn = stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: this.parameterName.slice(1) });
    props.capabilities.provide('link-signing', (handler) => {
      handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ssm:GetParameter', 'ssm:PutParameter'], resources: [parameterArn] }));
      handler.function.addEnvironment(ENV.linkSigningKeyId, this.parameterName);
    });
    props.capabilities.provide('public-urls', (handler) => {
      handler.function.addEnvironment(ENV.publicApiUrl, props.apiUrl);
    });
  }
}

import { CfnOutput, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FunctionUrlAuthType, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ENV } from '../../functions/config';
import { FUNCTION_URLS, type FunctionUrlSpec } from '../../functions/manifest/function-urls';
import type { HandlerFunction } from './handler-function';
import { type ManifestFunctionDefaults, manifestFunction, pascal } from './manifest-function';

export interface MetaChannelsProps extends ManifestFunctionDefaults {
  /**
   * The Function URL entry points to make.
   * @default FUNCTION_URLS, the shared manifest
   */
  readonly functionUrls?: readonly FunctionUrlSpec[];
}

/**
 * WhatsApp and Instagram: the key that encrypts channel secrets (provides 'meta-secrets': read
 * access to that one SSM SecureString parameter, its name as META_SECRETS_KEY_ID) and one Lambda
 * Function URL per manifest entry. The secrets are sealed with AES-256-GCM in the function, the
 * channel as associated data; the key lives in SSM under the AWS managed `aws/ssm` key, free,
 * where a customer managed KMS key would cost $1 a month at idle. The first function that needs
 * it makes it (CloudFormation cannot create a SecureString); it outlives the stack, like the
 * secrets it opens. The URLs are auth NONE on purpose: Meta cannot sign with SigV4; every POST
 * is checked against X-Hub-Signature-256 before anything is stored.
 */
export class MetaChannels extends Construct {
  /** The SSM parameter that holds the key. */
  readonly parameterName: string;
  readonly urls: Record<string, { handler: HandlerFunction; url: FunctionUrl }> = {};

  constructor(scope: Construct, id: string, props: MetaChannelsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.parameterName = `/${stack.stackName}/meta-secrets-key`;
    const parameterArn = stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: this.parameterName.slice(1) });
    props.capabilities.provide('meta-secrets', (handler) => {
      handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ssm:GetParameter', 'ssm:PutParameter'], resources: [parameterArn] }));
      handler.function.addEnvironment(ENV.metaSecretsKeyId, this.parameterName);
    });
    for (const spec of props.functionUrls ?? FUNCTION_URLS) {
      const handler = manifestFunction(this, pascal(spec.name), spec, `Helpdesk function URL ${spec.name}`, props);
      const url = handler.function.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
      new CfnOutput(this, `${pascal(spec.name)}Url`, { value: url.url, description: spec.description });
      this.urls[spec.name] = { handler, url };
    }
  }
}

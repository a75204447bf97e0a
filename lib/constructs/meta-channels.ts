import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
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
 * WhatsApp and Instagram: the KMS key that encrypts channel secrets (provides 'meta-secrets':
 * Encrypt/Decrypt on that key only, its ARN as META_SECRETS_KEY_ID) and one Lambda Function URL
 * per manifest entry. The URLs are auth NONE on purpose: Meta cannot sign with SigV4; every POST
 * is checked against X-Hub-Signature-256 before anything is stored.
 */
export class MetaChannels extends Construct {
  readonly key: Key;
  readonly urls: Record<string, { handler: HandlerFunction; url: FunctionUrl }> = {};

  constructor(scope: Construct, id: string, props: MetaChannelsProps) {
    super(scope, id);
    this.key = new Key(this, 'SecretsKey', {
      description: 'Helpdesk: encrypts WhatsApp/Instagram app secrets and access tokens',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    props.capabilities.provide('meta-secrets', (handler) => {
      this.key.grant(handler.role, 'kms:Encrypt', 'kms:Decrypt');
      handler.function.addEnvironment(ENV.metaSecretsKeyId, this.key.keyArn);
    });
    for (const spec of props.functionUrls ?? FUNCTION_URLS) {
      const handler = manifestFunction(this, pascal(spec.name), spec, `Helpdesk function URL ${spec.name}`, props);
      const url = handler.function.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
      new CfnOutput(this, `${pascal(spec.name)}Url`, { value: url.url, description: spec.description });
      this.urls[spec.name] = { handler, url };
    }
  }
}

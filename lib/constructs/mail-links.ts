import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENV } from '../../functions/config';
import type { Capabilities } from './capabilities';


export interface MailLinksProps {
  readonly capabilities: Capabilities;
  /** The public API's base URL the links in mail point to (the HTTP API stage URL, or a custom domain). */
  readonly apiUrl: string;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The signed links in customer mail (survey, unsubscribe): a KMS HMAC key that signs and
 * verifies them (the key never leaves KMS), provided as 'link-signing'; the API's public URL
 * for building them, provided as 'public-urls'.
 */
export class MailLinks extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: MailLinksProps) {
    super(scope, id);
    // HMAC keys cannot rotate automatically; a rotated key would also void every link in sent mail.
    this.key = new Key(this, 'LinkSigningKey', {
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      description: 'Signs the survey and unsubscribe links in helpdesk mail',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    props.capabilities.provide('link-signing', (handler) => {
      this.key.grant(handler.role, 'kms:GenerateMac', 'kms:VerifyMac');
      handler.function.addEnvironment(ENV.linkSigningKeyId, this.key.keyId);
    });
    props.capabilities.provide('public-urls', (handler) => {
      handler.function.addEnvironment(ENV.publicApiUrl, props.apiUrl);
    });
  }
}

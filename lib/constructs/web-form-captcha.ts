import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ENV } from '../../functions/config';
import type { Capabilities } from './capabilities';

export interface WebFormCaptchaProps {
  readonly capabilities: Capabilities;
  /**
   * Turnstile or hCaptcha on the public web form: the provider, its public site key, and the
   * name of an SSM SecureString parameter the operator created with the secret key
   * (`aws ssm put-parameter --type SecureString --name /helpdesk/captcha-secret --value …`).
   * @default - no CAPTCHA: the form relies on its rate limits and honeypot
   */
  readonly captcha?: { readonly provider: 'turnstile' | 'hcaptcha'; readonly siteKey: string; readonly secretParameterName: string };
}

/**
 * Provides 'captcha' to the public form's functions: with a CAPTCHA configured, its provider and
 * site key in the environment and `ssm:GetParameter` on the one parameter holding the secret
 * (read with the AWS managed `aws/ssm` key, so it is in no template or environment); without
 * one, nothing, and the form asks for no CAPTCHA.
 */
export class WebFormCaptcha extends Construct {
  constructor(scope: Construct, id: string, props: WebFormCaptchaProps) {
    super(scope, id);
    const { captcha } = props;
    if (!captcha) {
      props.capabilities.provide('captcha', () => undefined);
      return;
    }
    const name = captcha.secretParameterName.replace(/^\//, '');
    const parameter = Stack.of(this).formatArn({ service: 'ssm', resource: 'parameter', resourceName: name });
    props.capabilities.provide('captcha', (handler) => {
      handler.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameter] }));
      handler.function.addEnvironment(ENV.captchaProvider, captcha.provider);
      handler.function.addEnvironment(ENV.captchaSiteKey, captcha.siteKey);
      handler.function.addEnvironment(ENV.captchaSecretParameter, captcha.secretParameterName);
    });
  }
}

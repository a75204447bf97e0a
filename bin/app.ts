import { App, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HelpdeskStack } from '../lib/helpdesk-stack';

/**
 * The CDK app: `npx cdk deploy`. Options come from context, e.g.
 * `npx cdk deploy -c alarmEmail=ops@example.com -c corsOrigins=https://support.example.com -c removalPolicy=destroy`.
 */
const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

new HelpdeskStack(app, context('stackName') ?? 'Helpdesk', {
  description: 'Helpdesk: serverless support ticketing (HTTP API, Cognito, Lambda, DynamoDB)',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  alarmEmail: context('alarmEmail'),
  corsOrigins: context('corsOrigins')?.split(',').map((origin) => origin.trim()).filter(Boolean),
  removalPolicy: context('removalPolicy') === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  captcha: captchaFromContext(),
});

/** `-c captchaProvider=turnstile -c captchaSiteKey=… -c captchaSecretParameter=/helpdesk/captcha-secret`: all three or none. */
function captchaFromContext() {
  const provider = context('captchaProvider');
  const siteKey = context('captchaSiteKey');
  const secretParameterName = context('captchaSecretParameter');
  if (!provider && !siteKey && !secretParameterName) return undefined;
  if ((provider !== 'turnstile' && provider !== 'hcaptcha') || !siteKey || !secretParameterName) {
    throw new Error('a CAPTCHA needs -c captchaProvider=turnstile|hcaptcha, -c captchaSiteKey and -c captchaSecretParameter');
  }
  return { provider, siteKey, secretParameterName } as const;
}

// Every AWS Solutions finding fails the synth unless fixed or acknowledged where it arises.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

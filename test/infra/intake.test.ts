import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYED_ROUTES } from '../../functions/manifest/http-routes';
import { HelpdeskStack } from '../../lib/helpdesk-stack';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';

let template: Template;
let stack: HelpdeskStack;

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  stack = new HelpdeskStack(app, 'Helpdesk', {
    alarmEmail: 'ops@example.com',
    captcha: { provider: 'turnstile', siteKey: '0x4AAAAAAA-site', secretParameterName: '/helpdesk/captcha-secret' },
  });
  template = Template.fromStack(stack);
}, 120_000);

type Route = { Properties: { RouteKey: string; AuthorizationType: string; Target: unknown } };

describe('public intake on the HTTP API', () => {
  const routes = () => Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Route[];
  const byKey = (key: string) => routes().find((r) => r.Properties.RouteKey === key);

  it('keeps the public routes open to every origin: API Gateway answers preflights for any origin once the hosted console needs CORS', () => {
    const apis = Object.values(template.findResources('AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: 'HTTP' } }));
    expect(apis).toHaveLength(1);
    expect((apis[0] as { Properties: { CorsConfiguration: { AllowOrigins: string[] } } }).Properties.CorsConfiguration.AllowOrigins).toEqual(['*']);
    const open = DEPLOYED_ROUTES.filter((route) => route.cors === 'public');
    expect(open.map((route) => route.path)).toEqual(expect.arrayContaining(['/v1/public/orgs/{slug}/tickets', '/embed/tickets.js']));
  });

  it('serves MCP and the AI tools behind the JWT authorizer, the form and tracking without it', () => {
    for (const key of ['POST /v1/mcp', 'POST /v1/ai/tool-calls', 'POST /v1/tickets/from-chat', 'PUT /v1/web-form']) {
      expect(byKey(key)?.Properties.AuthorizationType).toBe('JWT');
    }
    for (const key of ['POST /v1/public/orgs/{slug}/tickets', 'GET /v1/public/track/{token}', 'GET /embed/tickets.js', 'GET /track/{token}']) {
      expect(byKey(key)?.Properties.AuthorizationType).toBe('NONE');
    }
  });

  it('gives the public form functions the CAPTCHA provider, site key and the one SSM parameter of its secret, never the secret', () => {
    type Fn = { Properties: { Description?: string; Role: { 'Fn::GetAtt': [string, string] }; Environment: { Variables: Record<string, unknown> } } };
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Fn[];
    const withCaptcha = functions.filter((fn) => fn.Properties.Environment?.Variables?.CAPTCHA_PROVIDER);
    expect(withCaptcha.map((fn) => fn.Properties.Description)).toEqual([expect.stringContaining('public-intake')]);
    expect(withCaptcha[0]!.Properties.Environment.Variables).toMatchObject({
      CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SITE_KEY: '0x4AAAAAAA-site', CAPTCHA_SECRET_PARAMETER: '/helpdesk/captcha-secret',
    });
    expect(withCaptcha[0]!.Properties.Environment.Variables).not.toHaveProperty('CAPTCHA_SECRET');
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies.match(/ssm:GetParameter"/g)?.length ?? 0).toBeGreaterThan(0);
    expect(policies).toContain(':parameter/helpdesk/captcha-secret');
  });

  it('keeps cdk-nag clean', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});

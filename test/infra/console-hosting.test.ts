import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleHosting } from '../../lib/constructs/console-hosting';
import { HelpdeskStack } from '../../lib/helpdesk-stack';
import { SKIP_BUNDLING, cdkJsonContext } from './cdk-context';

type Resource = { Type: string; Properties: Record<string, any> };
const only = (resources: Record<string, unknown>) => {
  const entries = Object.entries(resources);
  expect(entries).toHaveLength(1);
  return entries[0] as [string, Resource];
};

let stack: HelpdeskStack;
let template: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), ...SKIP_BUNDLING } });
  stack = new HelpdeskStack(app, 'Helpdesk');
  template = Template.fromStack(stack);
}, 120_000);

describe('console hosting in the stack', () => {
  it('keeps the build in a private, encrypted, TLS-only bucket with access logs', () => {
    const [, site] = only(template.findResources('AWS::S3::Bucket', { Properties: { LoggingConfiguration: Match.anyValue(), WebsiteConfiguration: Match.absent() } }));
    expect(site.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(site.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(site.Properties.LoggingConfiguration.LogFilePrefix).toBe('s3/');
  });

  it('reads the bucket through origin access control, only for this distribution', () => {
    const [, oac] = only(template.findResources('AWS::CloudFront::OriginAccessControl'));
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
    const cloudfront = statements.find((s) => s.Principal?.Service === 'cloudfront.amazonaws.com' && s.Action === 's3:GetObject');
    expect(cloudfront?.Condition?.StringEquals?.['AWS:SourceArn']).toBeDefined();
    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
  });

  it('serves over HTTPS only, with security headers, logs, index.html and config.json never cached', () => {
    const [, dist] = only(template.findResources('AWS::CloudFront::Distribution'));
    const config = dist.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.Compress).toBe(true);
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
    const uncached = config.CacheBehaviors.map((b: { PathPattern: string; CachePolicyId: string }) => [b.PathPattern, b.CachePolicyId]);
    // CachingDisabled's managed id.
    expect(uncached).toEqual([['/index.html', '4135ea2d-6df8-44a3-9df3-4b5a84be39ad'], ['/config.json', '4135ea2d-6df8-44a3-9df3-4b5a84be39ad']]);

    const [, headers] = only(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const security = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", 'wss://*.execute-api.']) {
      expect(csp).toContain(directive);
    }
  });

  it('deploys the build with a config.json naming this stack\'s API, WebSocket and hosted UI', () => {
    const [, deployment] = only(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployment.Properties.DistributionPaths).toEqual(['/index.html', '/config.json']);
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    const ids = (type: string) => Object.keys(template.findResources(type));
    const [httpApi] = ids('AWS::ApiGatewayV2::Api').filter((id) => (template.toJSON().Resources[id].Properties.ProtocolType === 'HTTP'));
    const [wsApi] = ids('AWS::ApiGatewayV2::Api').filter((id) => (template.toJSON().Resources[id].Properties.ProtocolType === 'WEBSOCKET'));
    const [client] = ids('AWS::Cognito::UserPoolClient');
    const [domain] = ids('AWS::Cognito::UserPoolDomain');
    for (const id of [httpApi, wsApi, client, domain]) expect(markers).toContain(id);
  });

  it('signs people in through the hosted UI with the authorization code flow only, back to the console', () => {
    const [, client] = only(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(client.Properties.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.Properties.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    const [distId] = only(template.findResources('AWS::CloudFront::Distribution'));
    expect(JSON.stringify(client.Properties.CallbackURLs)).toContain(distId);
    expect(JSON.stringify(client.Properties.LogoutURLs)).toContain(distId);
    const [, domain] = only(template.findResources('AWS::Cognito::UserPoolDomain'));
    expect(JSON.stringify(domain.Properties.Domain)).toContain('helpdesk-');
  });

  it('lets the console call the API from its origin (CORS)', () => {
    const apis = Object.values(template.findResources('AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: 'HTTP' } })) as Resource[];
    const cors = apis[0]!.Properties.CorsConfiguration;
    // Every origin, the console's included: the public form must stay embeddable anywhere (lib/constructs/http-api.ts).
    expect(cors.AllowOrigins).toEqual(['*']);
    expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'if-match', 'idempotency-key']));
    expect(cors.ExposeHeaders).toEqual(expect.arrayContaining(['etag']));
  });

  it('outputs the console URL and passes cdk-nag', () => {
    template.hasOutput('ConsoleUrl', {});
    const { violations } = new AwsSolutionsChecks().validateScope(stack);
    if (violations.length) console.error(JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
  });
});

describe('the console asset', () => {
  let outdir: string;
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('is built by esbuild at synth, locally, into index.html and hashed assets', () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'console-asset-'));
    const app = new App({ outdir, context: cdkJsonContext() });
    const site = new Stack(app, 'Site');
    new ConsoleHosting(site, 'Console').deploy({
      apiUrl: 'https://api.example.com/', wsUrl: 'wss://ws.example.com/prod',
      auth: { kind: 'cognito', domain: 'https://hd.auth.eu-west-1.amazoncognito.com', clientId: 'c', redirectUri: 'https://console.example.com/', scopes: ['openid'] },
    });
    app.synth();
    const staged = readdirSync(outdir).filter((d) => d.startsWith('asset.')).map((d) => path.join(outdir, d)).find((d) => existsSync(path.join(d, 'index.html')));
    expect(staged).toBeDefined();
    const html = readFileSync(path.join(staged!, 'index.html'), 'utf8');
    const script = /src="\.\/(assets\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(existsSync(path.join(staged!, script!))).toBe(true);
    // Neither the local sign-in list nor any config is baked into the build.
    expect(existsSync(path.join(staged!, 'config.json'))).toBe(false);
    expect(existsSync(path.join(staged!, 'local'))).toBe(false);
  }, 60_000);
});

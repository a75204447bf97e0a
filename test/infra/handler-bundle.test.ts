import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { afterAll, expect, it } from 'vitest';
import { HTTP_GROUPS } from '../../functions/manifest/http-routes';
import { Alarms } from '../../lib/constructs/alarms';
import { HandlerFunction } from '../../lib/constructs/handler-function';
import { cdkJsonContext } from './cdk-context';

const outdir = mkdtempSync(join(tmpdir(), 'helpdesk-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// The one test that bundles for real: the local esbuild, no Docker, no network. The public
// docs group is bundled exactly as the stack bundles every handler, then loaded and invoked
// in a fresh Node process, which proves the ESM output and its `require` banner work.
it('bundles a handler with the local esbuild into a minified ESM file with a source map that runs', async () => {
  // The built-in CloudFormation schema check runs on the full stack's synth; here it would only cost time.
  const app = new App({ outdir, context: cdkJsonContext(), builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Bundle');
  const spec = HTTP_GROUPS.docs;
  new HandlerFunction(stack, 'Docs', {
    entry: spec.entry,
    description: 'bundle test',
    memoryMb: spec.memoryMb,
    timeout: Duration.seconds(spec.timeoutSeconds),
    alarms: new Alarms(stack, 'Alarms'),
  });
  app.synth();

  const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.') && existsSync(join(outdir, name, 'index.mjs')));
  expect(assets).toHaveLength(1);
  const bundle = join(outdir, assets[0], 'index.mjs');
  expect(existsSync(`${bundle}.map`)).toBe(true);
  expect(statSync(bundle).size).toBeLessThan(5 * 1024 * 1024);
  // The CLI's --alias took the SDK's default credential chain out (BUNDLE_ALIASES): its other links are gone.
  expect(readFileSync(bundle, 'utf8')).not.toMatch(/defaultProvider::from(SSO|Ini|Process|TokenFile)/);

  const event = {
    version: '2.0', routeKey: 'GET /v1/openapi.json', rawPath: '/v1/openapi.json', rawQueryString: '', headers: {},
    requestContext: { requestId: 'bundle-test', routeKey: 'GET /v1/openapi.json', stage: '$default', http: { method: 'GET', path: '/v1/openapi.json' } },
    isBase64Encoded: false,
  };
  const script = `
    const { handler } = await import(${JSON.stringify(bundle)});
    const context = { functionName: 'docs', awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 10000 };
    const res = await handler(${JSON.stringify(event)}, context);
    process.stdout.write('\\n' + JSON.stringify({ statusCode: res.statusCode, openapi: JSON.parse(res.body).openapi }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT', TABLE_NAME: 'bundle-test' },
  });
  expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ statusCode: 200, openapi: expect.stringMatching(/^3\.1/) });
});

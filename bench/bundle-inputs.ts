import { build } from 'esbuild';
import { deployedEntries, esbuildOptionsOf } from '../lib/deployed-entries';

/**
 * Why a deployed bundle is the size it is: each function bundled as the stack bundles it, with
 * esbuild's metafile, and the bytes each package (or, for our own code, each top folder) adds to
 * the minified output, largest first.
 *
 *   npx tsx bench/bundle-inputs.ts                     every deployed function
 *   npx tsx bench/bundle-inputs.ts "http tickets"      the named ones (names as the bench prints them)
 *   BUNDLE_TOP=20 npx tsx bench/bundle-inputs.ts       more inputs per function (default 10)
 */
const names = process.argv.slice(2);
const TOP = Number(process.env.BUNDLE_TOP ?? 10);

const groupOf = (input: string) => {
  const pkg = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const parts = input.split('/');
  return parts.slice(0, input.startsWith('functions/domain/') || input.startsWith('functions/manifest/') ? 3 : 1).join('/');
};

for (const { name, entry, ports } of deployedEntries()) {
  if (names.length && !names.includes(name)) continue;
  const result = await build({ ...esbuildOptionsOf({ entry, ports }), write: false, outfile: 'out.mjs', sourcemap: false, metafile: true });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) bytes.set(groupOf(input), (bytes.get(groupOf(input)) ?? 0) + bytesInOutput);
  const top = [...bytes].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([group, n]) => `${group} ${(n / 1024).toFixed(0)}`).join(', ');
  console.log(`${name} | ${(output.bytes / 1024).toFixed(0)} KB | ${top}`);
}

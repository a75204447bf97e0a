import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, type BuildResult, type Metafile, build, buildSync } from 'esbuild';

/** The console's source folder (web/). */
export const WEB_ROOT = path.dirname(fileURLToPath(import.meta.url));

export interface WebBuild {
  outDir: string;
  /** Files of the initial load, relative to outDir: index.html, the entry script and its stylesheet. */
  entryScript: string;
  stylesheet?: string;
}

/**
 * The one build of the agent console and customer portal, used by `npm start`, the browser
 * tests and the CDK construct: a hashed ES module bundle, its CSS and an index.html naming
 * them. `config.json` is not part of it: the local runtime serves one, the stack deploys one.
 */
function options(outDir: string): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: WEB_ROOT,
    entryPoints: { app: path.join(WEB_ROOT, 'src/main.tsx') },
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome120', 'firefox120', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
}

function finish(outDir: string, result: BuildResult & { metafile: Metafile }): WebBuild {
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outDir, path.resolve(WEB_ROOT, file)));
  const entryScript = outputs.find((file) => /^assets\/app-[^/]+\.js$/.test(file));
  const stylesheet = outputs.find((file) => /^assets\/app-[^/]+\.css$/.test(file));
  if (!entryScript) throw new Error(`the web build produced no entry script: ${outputs.join(', ')}`);
  const html = readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8')
    .replace('<!--styles-->', stylesheet ? `<link rel="stylesheet" href="./${stylesheet}">` : '')
    .replace('<!--script-->', `<script type="module" src="./${entryScript}"></script>`);
  writeFileSync(path.join(outDir, 'index.html'), html);
  return { outDir, entryScript, stylesheet };
}

/** Builds into `outDir` (emptied first). */
export async function buildWeb(outDir: string): Promise<WebBuild> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  return finish(outDir, await build(options(outDir)));
}

/** The same, synchronously: CDK's local asset bundling cannot wait. */
export function buildWebSync(outDir: string): WebBuild {
  mkdirSync(outDir, { recursive: true });
  return finish(outDir, buildSync(options(outDir)));
}

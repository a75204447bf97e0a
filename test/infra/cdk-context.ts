import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/constructs/handler-function';

/** The feature flags of cdk.json, so the tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** Skips esbuild for every stack: the template is the same, without 3-4 s of bundling per function. */
export const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

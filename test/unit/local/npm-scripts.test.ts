import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const scripts = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')).scripts as Record<string, string>;

describe('the npm scripts a user runs', () => {
  it.each(['start', 'bench'])('%s silences the SDK warning a user cannot act on, and execs node so signals reach it', (name) => {
    expect(scripts[name]).toMatch(/^exec env AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true node --import tsx /);
  });
});

import { defineConfig } from 'vitest/config';

// Four depths, run as independent projects. `npm test` (bin/test-suites.mjs) runs the e2e
// project in its own vitest process beside the other three, so the slow ones (DynamoDB
// Local, the local runtime, CDK synth) proceed in parallel on the two CI cores.
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
    projects: [
      // Generous: a unit test that builds the AWS runtime loads SDK modules, slow on a busy two-core machine.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-local.global.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/local-runtime.global.ts'],
          testTimeout: 150_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
    ],
  },
});

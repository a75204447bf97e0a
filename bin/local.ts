import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `npm start`: the whole helpdesk on this machine, data under .local/ (or HELPDESK_LOCAL_DIR). */
// Powertools reads its own settings when the logger and metrics are created (on import of the
// handlers): quiet logs and no EMF metrics on a developer's terminal unless asked for.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { startLocalRuntime } = await import('./local/runtime');

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(process.env.HELPDESK_LOCAL_DIR ?? path.join(rootDir, '.local'));
const port = Number(process.env.HTTP_PORT ?? 3000);

// The bench lifts the local cap on batching windows to measure what the deployed window merges.
const windowCap = process.env.HELPDESK_LOCAL_BATCHING_WINDOW_SECONDS;
const runtime = await startLocalRuntime({
  rootDir, dataDir, httpPort: port, ...(windowCap ? { batchingWindowCapSeconds: Number(windowCap) } : {}),
}).catch((error: Error) => {
  console.error(`\nHelpdesk could not start: ${error.message}`);
  process.exit(1);
});
mkdirSync(dataDir, { recursive: true });
writeFileSync(path.join(dataDir, 'runtime.json'), `${JSON.stringify(runtime.contract, null, 2)}\n`);
console.log(runtime.banner());

let stopping: Promise<void> | undefined;
/**
 * Every signal that stops a process stops the whole runtime, in order (runtime.stop), then
 * exits; DynamoDB Local is a child that ignores Ctrl-C, so it is stopped here, last. A second
 * signal while stopping exits at once (the JVM is killed on exit).
 */
const stop = (reason: string, code: number) => {
  if (stopping) {
    console.error(`\n${reason} again: exiting now.`);
    process.exit(code || 1);
  }
  console.log(`\n${reason}: stopping Helpdesk…`);
  stopping = runtime.stop().then(
    () => process.exit(code),
    (error: Error) => {
      console.error(`Helpdesk did not stop cleanly: ${error.message}`);
      process.exit(1);
    },
  );
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal, 0));
// npm forwards SIGINT and SIGTERM to `npm start`'s process but not SIGHUP: when the parent that
// started us is gone (a hang-up, a kill -9), nobody would stop us, so stop on our own.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('parent process exited', 0);
}, 500).unref();
process.on('uncaughtException', (error) => {
  console.error('Helpdesk hit an unexpected error:', error);
  stop('crash', 1);
});

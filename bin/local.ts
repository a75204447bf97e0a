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

const runtime = await startLocalRuntime({ rootDir, dataDir, httpPort: port }).catch((error: Error) => {
  console.error(`\nHelpdesk could not start: ${error.message}`);
  process.exit(1);
});
mkdirSync(dataDir, { recursive: true });
writeFileSync(path.join(dataDir, 'runtime.json'), `${JSON.stringify(runtime.contract, null, 2)}\n`);
console.log(runtime.banner());

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping Helpdesk…`);
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

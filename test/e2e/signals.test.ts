import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

const portsOf = (c: RuntimeContract & { wsUrl?: string; smtpPort?: number }) =>
  [c.httpUrl, c.dynamodbEndpoint, c.wsUrl].filter(Boolean).map((url) => Number(new URL(String(url)).port)).concat(c.smtpPort ?? []);

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
      expect(ports).toHaveLength(4);

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

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RuntimeContract } from '../../bin/local/runtime';

const root = path.resolve(import.meta.dirname, '../..');

/** `npm start` as a user runs it, twice on the same folder, stopped with Ctrl-C (SIGINT). */
async function start(dataDir: string): Promise<{ child: ChildProcess; contract: RuntimeContract; output: () => string }> {
  rmSync(path.join(dataDir, 'runtime.json'), { force: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts'], {
    cwd: root,
    env: { ...process.env, HELPDESK_LOCAL_DIR: dataDir, HTTP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const file = path.join(dataDir, 'runtime.json');
  const deadline = Date.now() + 90_000;
  while (!existsSync(file)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`runtime did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, contract: JSON.parse(readFileSync(file, 'utf8')), output: () => output };
}

const interrupt = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });

describe('npm start across restarts', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'helpdesk-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints what to do next, stops cleanly on Ctrl-C, and finds its data on the next start', async () => {
    const first = await start(dataDir);
    expect(first.output()).toContain('curl');
    expect(Object.keys(first.contract.tokens).sort()).toEqual(['admin', 'agent', 'agent2', 'customer', 'customer2', 'supervisor']);
    expect(Object.keys(first.contract.otherOrg.tokens).sort()).toEqual(['admin', 'agent', 'customer']);
    const res = await fetch(`${first.contract.httpUrl}/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.contract.tokens.agent}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Survives restarts', description: 'd', requester: { email: 'r@example.com' } }),
    });
    const ticket = await res.json();
    expect(await interrupt(first.child)).toBe(0);

    const second = await start(dataDir);
    try {
      const again = await fetch(`${second.contract.httpUrl}/v1/tickets/${ticket.id}`, {
        headers: { authorization: `Bearer ${second.contract.tokens.agent}` },
      });
      expect(again.status).toBe(200);
      expect((await again.json()).subject).toBe('Survives restarts');
      const seeded = await fetch(`${second.contract.httpUrl}/v1/tickets?limit=100`, { headers: { authorization: `Bearer ${second.contract.tokens.agent}` } });
      const subjects = (await seeded.json()).items.map((t: { subject: string }) => t.subject);
      expect(subjects.filter((s: string) => s === 'Invoices PDF will not download')).toHaveLength(1);
    } finally {
      expect(await interrupt(second.child)).toBe(0);
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRuntimeProcess as start } from '../../bin/local/runtime-process';

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
    const ticket = (await res.json()) as { id: string };
    expect(await first.interrupt()).toBe(0);

    const second = await start(dataDir);
    try {
      const again = await fetch(`${second.contract.httpUrl}/v1/tickets/${ticket.id}`, {
        headers: { authorization: `Bearer ${second.contract.tokens.agent}` },
      });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { subject: string }).subject).toBe('Survives restarts');
      const seeded = await fetch(`${second.contract.httpUrl}/v1/tickets?limit=100`, { headers: { authorization: `Bearer ${second.contract.tokens.agent}` } });
      const subjects = ((await seeded.json()) as { items: { subject: string }[] }).items.map((t: { subject: string }) => t.subject);
      expect(subjects.filter((s: string) => s === 'Invoices PDF will not download')).toHaveLength(1);
    } finally {
      expect(await second.interrupt()).toBe(0);
    }
  });
});

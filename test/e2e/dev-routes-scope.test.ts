import nodemailer from 'nodemailer';
import { describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually';
import { api } from '../support/http-client';

const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { smtpPort: number; supportAddress: string };
const agent = api(runtime.tokens.agent);

describe('developer routes are scoped like the rest of the API', () => {
  it('shows the outbox of the caller\'s organization only', async () => {
    const from = `scope-${Date.now()}@example.com`;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: runtime.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from, to: runtime.supportAddress, subject: 'Outbox scope', text: 'Which org sees my confirmation?' });
    const ours = await eventually(async () => {
      const { body } = await agent.get(`/v1/dev/outbox?to=${encodeURIComponent(from)}`);
      expect(body.items).toHaveLength(1);
      return body.items;
    });
    expect(ours[0].from).toContain('demo.helpdesk.local');
    const theirs = await api(runtime.otherOrg.tokens.agent).get(`/v1/dev/outbox?to=${encodeURIComponent(from)}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    const all = await api(runtime.otherOrg.tokens.agent).get('/v1/dev/outbox');
    expect(all.body.items.every((m: { from: string }) => !m.from.includes('demo.helpdesk.local'))).toBe(true);
  });

  it('lets only an admin move the clock every organization shares', async () => {
    const before = (await agent.get('/v1/dev/clock')).body;
    for (const token of [runtime.tokens.customer, runtime.tokens.agent, runtime.tokens.supervisor, runtime.otherOrg.tokens.customer]) {
      const res = await api(token).post('/v1/dev/clock', { seconds: 3600 });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/admin/);
    }
    expect(Date.parse((await agent.get('/v1/dev/clock')).body.now) - Date.parse(before.now)).toBeLessThan(3_600_000);
    expect((await api(runtime.tokens.admin).post('/v1/dev/clock', { seconds: 1 })).status).toBe(200);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/http-client';

/*
 * Organization settings in the team organization. Another file changes its agent scope
 * meanwhile (through the same versioned settings), so a write here retries on 412 as a client
 * should, and assertions look at the settings this file changes.
 */
interface TeamOrg {
  tokens: Record<'admin' | 'agent', string>;
  users: Record<'admin', { id: string }>;
}
const team = inject('runtime').teamOrg as TeamOrg & { users: Record<string, { id: string }> };
const admin = api(team.tokens.admin);
const agent = api(team.tokens.agent);
const run = randomUUID().slice(0, 8);

/** PATCH with If-Match of what was just read, again when someone else got in between. */
async function patchSafely(body: Record<string, unknown>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const read = await admin.get('/v1/settings');
    const res = await admin.patch('/v1/settings', body, { 'if-match': read.headers.get('etag')! });
    if (res.status !== 412) return { before: read.body, res };
  }
  throw new Error('settings stayed contended');
}

describe('organization settings (team organization)', () => {
  it('are read by admins only, with every setting and its version', async () => {
    expect((await agent.get('/v1/settings')).status).toBe(403);
    const res = await admin.get('/v1/settings');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
    expect(res.body.settings).toMatchObject({
      autoCloseDays: expect.any(Number), autoCloseWarning: expect.any(Boolean), surveyDelayHours: expect.any(Number),
      notifications: { confirmation: { customerCreated: expect.any(Boolean), staffCreated: expect.any(Boolean) }, surveys: expect.any(Boolean) },
      agentScope: expect.any(String),
      limits: { customerTicketsPerHour: expect.any(Number), attachmentMaxBytes: expect.any(Number) },
      mailIdentity: { name: null, fromDisplay: null },
    });
  });

  it('refuse invalid values with a 400 problem pointing at each, and store nothing', async () => {
    const before = (await admin.get('/v1/settings')).body.settings;
    const bad = await admin.patch('/v1/settings', {
      autoCloseDays: 0, surveyDelayHours: 'soon', limits: { customerTicketsPerHour: -1 }, mailIdentity: { fromDisplay: '' }, bogus: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const pointers = (bad.body.errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['#/autoCloseDays', '#/surveyDelayHours', '#/limits/customerTicketsPerHour', '#/mailIdentity/fromDisplay']));
    expect((await admin.patch('/v1/settings', {})).status).toBe(400);
    expect((await agent.patch('/v1/settings', { autoCloseDays: 5 })).status).toBe(403);
    const after = (await admin.get('/v1/settings')).body.settings;
    expect({ ...after, agentScope: null }).toEqual({ ...before, agentScope: null });
  });

  it('are versioned: a change bumps the version, a stale If-Match is 412, nested settings merge, every change is audited', async () => {
    const { before, res } = await patchSafely({ surveyDelayHours: 48, mailIdentity: { fromDisplay: `Team ${run}` } });
    expect(res.status).toBe(200);
    expect(res.body.version).toBeGreaterThan(before.version);
    expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
    expect(res.body.settings).toMatchObject({ surveyDelayHours: 48, mailIdentity: { fromDisplay: `Team ${run}`, name: before.settings.mailIdentity.name } });
    expect(res.body.updatedBy).toBe(team.users.admin.id);

    const stale = await admin.patch('/v1/settings', { surveyDelayHours: 12 }, { 'if-match': `"${before.version}"` });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ type: expect.stringMatching(/version-conflict$/), currentVersion: expect.any(Number) });
    expect((await admin.get('/v1/settings')).body.settings.surveyDelayHours).toBe(48);

    const nested = await patchSafely({ notifications: { confirmation: { staffCreated: !before.settings.notifications.confirmation.staffCreated } } });
    expect(nested.res.body.settings.notifications).toEqual({
      ...before.settings.notifications,
      confirmation: { ...before.settings.notifications.confirmation, staffCreated: !before.settings.notifications.confirmation.staffCreated },
    });
    // The older route reads and writes the same settings.
    expect((await admin.get('/v1/notification-settings')).body.confirmation.staffCreated).toBe(!before.settings.notifications.confirmation.staffCreated);

    const history = (await admin.get('/v1/settings/history')).body.items as { version: number; actor: { id: string }; changes: Record<string, { from: unknown; to: unknown }> }[];
    const mine = history.find((h) => h.version === res.body.version)!;
    expect(mine.actor.id).toBe(team.users.admin.id);
    expect(mine.changes.surveyDelayHours).toEqual({ from: before.settings.surveyDelayHours, to: 48 });
    expect(Object.keys(mine.changes).sort()).toEqual(['mailIdentity', 'surveyDelayHours']);
    expect((await agent.get('/v1/settings/history')).status).toBe(403);

    await patchSafely({ notifications: before.settings.notifications, surveyDelayHours: before.settings.surveyDelayHours });
  });
});

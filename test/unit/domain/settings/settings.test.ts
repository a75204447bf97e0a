import { describe, expect, it } from 'vitest';
import { SettingsPatch } from '../../../../schemas/settings';
import { newOrganizationSettings, settingsOf } from '../../../../functions/domain/settings/org-settings';
import { desiredTimers } from '../../../../functions/domain/timers/plan-timers';
import type { Ticket } from '../../../../functions/domain/tickets/ticket.entity';

describe('organization settings', () => {
  it('fill every setting with its default and keep the keys stored before the settings API', () => {
    const settings = settingsOf({ limits: { customerTicketsPerHour: 10_000 }, autoCloseDays: 3, agentScope: 'assigned', legacy: 'kept elsewhere' });
    expect(settings).toMatchObject({ autoCloseDays: 3, agentScope: 'assigned', limits: { customerTicketsPerHour: 10_000, attachmentMaxBytes: 25 * 1024 * 1024 } });
    expect(settings.notifications).toEqual({ confirmation: { customerCreated: true, staffCreated: false }, surveys: true });
    expect(settingsOf({ autoCloseDays: 'seven', agentScope: 'everyone' })).toMatchObject({ autoCloseDays: 7, agentScope: 'all' });
    expect(settingsOf(undefined)).toEqual(newOrganizationSettings());
  });
  it('accept a partial patch of nested settings and refuse unknown keys', () => {
    expect(SettingsPatch.safeParse({ notifications: { confirmation: { staffCreated: true } } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ nope: 1 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ limits: { customerTicketsPerHour: 0 } }).success).toBe(false);
  });
  it('drive the lifecycle timers: no auto-close warning when off, the survey delay, one automation timer at the next idle threshold', () => {
    const t0 = '2026-12-01T10:00:00.000Z';
    const ticket = { orgId: 'o', ticketId: 't', status: 'closed', closedAt: t0, updatedAt: t0, version: 4 } as unknown as Ticket;
    expect(desiredTimers(ticket, 7, { surveyDelayHours: 2 }).map((t) => t.at.toISOString())).toEqual(['2026-12-01T12:00:00.000Z']);
    const waiting = { ...ticket, status: 'waiting_on_customer', statusSince: t0, closedAt: undefined } as unknown as Ticket;
    expect(desiredTimers(waiting, 7, { autoCloseWarning: false }).map((t) => t.name)).toEqual([expect.stringMatching(/^ac-t-c-/)]);
    const open = { ...waiting, status: 'open' } as unknown as Ticket;
    const at = (now: string) => desiredTimers(open, 7, { idleHours: [24, 2], now: new Date(now) }).map((t) => [t.payload.kind, t.at.toISOString()]);
    expect(at(t0)).toEqual([['automation', '2026-12-01T12:00:00.001Z']]);
    expect(at('2026-12-01T13:00:00.000Z')).toEqual([['automation', '2026-12-02T10:00:00.001Z']]);
    expect(at('2026-12-03T00:00:00.000Z')).toEqual([]);
  });
});

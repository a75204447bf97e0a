import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { syncWeeklySummarySchedule, weeklyScheduleName } from '../../../../functions/domain/analytics/weekly-schedule';
import { sendWeeklySummary } from '../../../../functions/domain/analytics/weekly-summary';
import type { MailSender, OutgoingMail } from '../../../../functions/domain/ports/mail-sender';
import type { RecurringSchedule, RecurringScheduler } from '../../../../functions/domain/ports/recurring-scheduler';
import { createOrganization, updateSettings } from '../../../../functions/domain/settings/org-settings';
import type { Deps } from '../../../../functions/domain/store/store';
import { saveUser } from '../../../../functions/domain/users/manage-users';
import { integrationDeps, outboxJobsOf, seedOrg } from '../../../support/integration-store';

/** Records sends; `failFor` makes sends to that address throw (SES down for one recipient). */
class RecordingMail implements MailSender {
  sent: OutgoingMail[] = [];
  failFor?: string;
  async send(mail: OutgoingMail) {
    if (this.failFor && mail.to.includes(this.failFor)) throw new Error('SES throttled');
    this.sent.push(mail);
    return { providerId: `p-${this.sent.length}` };
  }
}

class RecordingScheduler implements RecurringScheduler {
  live = new Map<string, RecurringSchedule>();
  calls: string[] = [];
  async upsert(schedule: RecurringSchedule) {
    this.calls.push(`upsert ${schedule.name}`);
    this.live.set(schedule.name, schedule);
  }
  async remove(name: string) {
    this.calls.push(`remove ${name}`);
    this.live.delete(name);
  }
}

// Monday 2026-03-09 08:00 in Berlin (UTC+1): the summary of 2026-03-02 .. 2026-03-08.
const FIRED = '2026-03-09T07:00:00.000Z';
let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;

beforeAll(async () => {
  ({ deps } = await integrationDeps(() => new Date(FIRED)));
  org = await seedOrg(deps);
  await createOrganization(deps, { orgId: org.orgId, name: 'Acme' });
  // A second supervisor who turned mail off, and an inactive admin: neither gets the summary.
  await saveUser(deps, org.orgId, `${org.orgId}-quiet`, { email: 'quiet@example.com', name: 'Quiet', role: 'supervisor', active: true, mailNotifications: 'off' });
  await saveUser(deps, org.orgId, `${org.orgId}-gone`, { email: 'gone@example.com', name: 'Gone', role: 'admin', active: false });
});

describe('weekly summary setting and schedule', () => {
  it('commits a schedule job with the settings change (only when the weekly summary changed), and the job syncs one schedule', async () => {
    await updateSettings(deps, org.admin, { autoCloseDays: 5 });
    expect(await outboxJobsOf(deps, org.orgId, 'job.analytics.weekly-schedule')).toHaveLength(0);
    await updateSettings(deps, org.admin, { weeklySummary: { enabled: true, timeZone: 'Europe/Berlin' } });
    const jobs = await outboxJobsOf(deps, org.orgId, 'job.analytics.weekly-schedule');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toMatchObject({ orgId: org.orgId });

    const scheduler = new RecordingScheduler();
    expect(await syncWeeklySummarySchedule(deps, scheduler, org.orgId)).toEqual({ action: 'upserted', weekly: { day: 'monday', hour: 8, timeZone: 'Europe/Berlin' } });
    // A redelivered job converges on the same one schedule.
    await syncWeeklySummarySchedule(deps, scheduler, org.orgId);
    expect([...scheduler.live.values()]).toEqual([
      { name: weeklyScheduleName(org.orgId), weekly: { day: 'monday', hour: 8, timeZone: 'Europe/Berlin' }, payload: { kind: 'weekly-summary', orgId: org.orgId } },
    ]);
  });

  it('mails each active supervisor and admin once per org-week, even when the firing is delivered again', async () => {
    const mail = new RecordingMail();
    const payload = { kind: 'weekly-summary' as const, orgId: org.orgId, scheduledAt: FIRED };
    const first = await sendWeeklySummary(deps, mail, payload, { fromDomain: 'mail.example.test', appUrl: 'https://console.example.test/' });
    expect(first).toMatchObject({ sent: true, week: { from: '2026-03-02', to: '2026-03-08' } });
    expect(mail.sent.map((m) => m.to[0]).sort()).toEqual([org.admin.email, org.supervisor.email].sort());
    const parsed = await simpleParser(mail.sent[0]!.raw);
    expect(parsed.from?.value[0]).toMatchObject({ address: 'no-reply@mail.example.test', name: 'Acme' });
    expect(parsed.subject).toBe('Acme: weekly summary 2026-03-02 – 2026-03-08 (0 created, 0 resolved)');
    expect(parsed.text).toContain('Dashboard: https://console.example.test/dashboard');
    expect(parsed.html).toContain('<table');

    const again = await sendWeeklySummary(deps, mail, payload, { fromDomain: 'mail.example.test' });
    expect(again).toMatchObject({ sent: true, to: [], skipped: expect.arrayContaining([org.admin.userId, org.supervisor.userId]) });
    expect(mail.sent).toHaveLength(2);
  });

  it('retries only the recipient whose send failed', async () => {
    const mail = new RecordingMail();
    const payload = { kind: 'weekly-summary' as const, orgId: org.orgId, scheduledAt: '2026-03-16T07:00:00.000Z' };
    mail.failFor = org.supervisor.email;
    await expect(sendWeeklySummary(deps, mail, payload, { fromDomain: 'mail.example.test' })).rejects.toThrow('SES throttled');
    // Recipients go in user-id order: the admin's mail went out before the supervisor's failed.
    expect(mail.sent.map((m) => m.to[0])).toEqual([org.admin.email]);
    mail.failFor = undefined;
    const retry = await sendWeeklySummary(deps, mail, payload, { fromDomain: 'mail.example.test' });
    expect(retry).toMatchObject({ sent: true, week: { from: '2026-03-09', to: '2026-03-15' }, to: [org.supervisor.email], skipped: [org.admin.userId] });
    expect(mail.sent.map((m) => m.to[0])).toEqual([org.admin.email, org.supervisor.email]);
  });

  it('sends nothing once disabled, and the job then removes the schedule', async () => {
    await updateSettings(deps, org.admin, { weeklySummary: { enabled: false } });
    const mail = new RecordingMail();
    expect(await sendWeeklySummary(deps, mail, { kind: 'weekly-summary', orgId: org.orgId, scheduledAt: '2026-03-23T07:00:00.000Z' }, { fromDomain: 'x.test' }))
      .toEqual({ sent: false, why: 'disabled' });
    expect(mail.sent).toEqual([]);
    const scheduler = new RecordingScheduler();
    expect(await syncWeeklySummarySchedule(deps, scheduler, org.orgId)).toEqual({ action: 'removed' });
    expect(scheduler.calls).toEqual([`remove ${weeklyScheduleName(org.orgId)}`]);
  });
});

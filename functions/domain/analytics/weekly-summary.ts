import { buildMail } from '../mail-channel/build-mail';
import type { StatsOverview } from '../../../schemas/analytics';
import { isSupervisorRole } from '../../../schemas/roles';
import { senderMailboxFor } from '../mail-channel/mailboxes';
import type { MailSender } from '../ports/mail-sender';
import type { WeeklySummaryPayload } from '../ports/recurring-scheduler';
import { readSettings } from '../settings/org-settings';
import { OPEN_STATUSES } from '../status-groups';
import type { Deps } from '../store/store';
import { organizationOverview } from './stats-query';
import { weekBefore } from './weekly-schedule';

const RETENTION_SECONDS = 90 * 86_400;

export interface WeeklySummaryOptions {
  /** The domain automatic mail is sent from when the organization has no mailbox (MAIL_FROM_DOMAIN). */
  fromDomain?: string;
  /** The console, for the dashboard link (APP_URL); no link without it. */
  appUrl?: string;
}

export type WeeklySummaryOutcome =
  | { sent: false; why: string }
  | { sent: true; week: { from: string; to: string }; to: string[]; skipped: string[] };

/** Seconds as `2 h 05 min`, `10 min 03 s`, `45 s`; `–` for none. Pure. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d) return `${d} d ${pad(h)} h ${pad(m)} min`;
  if (h) return `${h} h ${pad(m)} min ${pad(rest)} s`;
  if (m) return `${m} min ${pad(rest)} s`;
  return `${rest} s`;
}

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 1000) / 10} %`);

/** The summary's sections as label/value rows: one source for the text and the HTML part. Pure. */
export function summaryRows(overview: StatsOverview): { title: string; rows: [string, string][] }[] {
  const open = OPEN_STATUSES.map((status) => [status, overview.backlog.byStatus[status] ?? 0] as const);
  const duration = (d: StatsOverview['firstResponse']): [string, string][] => [
    ['Tickets measured', String(d.count)],
    ['Median (p50)', formatDuration(d.p50Seconds)],
    ['90th percentile (p90)', formatDuration(d.p90Seconds)],
    ['Average', formatDuration(d.avgSeconds)],
  ];
  const sla = (s: StatsOverview['sla']['firstResponse']): string => `${s.met} met, ${s.breached} breached (${percent(s.rate)} met)`;
  const { csat } = overview;
  return [
    {
      title: 'Tickets',
      rows: [
        ['Created', String(overview.created)],
        ['Resolved', String(overview.resolved)],
        ['Closed', String(overview.closed)],
        ['Reopened', String(overview.reopened)],
        ['Backlog now (open)', String(open.reduce((sum, [, n]) => sum + n, 0))],
        ...open.filter(([, n]) => n > 0).map(([status, n]): [string, string] => [`  ${status.replace(/_/g, ' ')}`, String(n)]),
      ],
    },
    { title: 'First response', rows: duration(overview.firstResponse) },
    { title: 'Resolution', rows: duration(overview.resolution) },
    { title: 'SLA', rows: [['First response', sla(overview.sla.firstResponse)], ['Resolution', sla(overview.sla.resolution)]] },
    {
      title: 'Customer satisfaction',
      rows: [
        ['Ratings', String(csat.count)],
        ['Average', csat.average === null ? '–' : `${csat.average} / 5`],
        ['Distribution', ([1, 2, 3, 4, 5] as const).map((score) => `${score}★ ${csat.distribution[score] ?? 0}`).join('  ')],
      ],
    },
  ];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The summary mail's subject, text and HTML. Pure. */
export function composeSummaryText(business: string, overview: StatsOverview, dashboardUrl?: string) {
  const subject = `${business}: weekly summary ${overview.from} – ${overview.to} (${overview.created} created, ${overview.resolved} resolved)`;
  const heading = `Weekly summary for ${business}, ${overview.from} to ${overview.to} (${overview.tz})`;
  const sections = summaryRows(overview);
  const width = Math.max(...sections.flatMap((s) => s.rows.map(([label]) => label.length))) + 2;
  const text = [
    heading,
    '',
    ...sections.flatMap((s) => [s.title, ...s.rows.map(([label, value]) => `  ${`${label}:`.padEnd(width)} ${value}`), '']),
    'Times are wall-clock; percentiles come from the rollups\' buckets (within one bucket of the exact value).',
    ...(dashboardUrl ? ['', `Dashboard: ${dashboardUrl}`] : []),
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;font-size:14px"><h2 style="font-size:16px">${escapeHtml(heading)}</h2>${
    sections.map((s) => `<h3 style="font-size:14px;margin-bottom:4px">${escapeHtml(s.title)}</h3><table cellpadding="3">${
      s.rows.map(([label, value]) => `<tr><td>${escapeHtml(label.trim())}</td><td style="text-align:right"><b>${escapeHtml(value)}</b></td></tr>`).join('')
    }</table>`).join('')
  }${dashboardUrl ? `<p><a href="${escapeHtml(dashboardUrl)}">Open the dashboard</a></p>` : ''}</body></html>`;
  return { subject, text, html };
}

/**
 * The weekly summary firing of an organization: last week's overview (the seven local dates
 * before the firing's date in the setting's time zone), read from the rollups only, mailed to
 * each active supervisor and admin (unless they turned mail notifications off). Each recipient
 * is claimed for the org-week before the send (a conditional create) and marked sent after, so
 * a redelivered firing, or a retry after a partial failure, mails nobody twice; a send that
 * fails releases its claim and throws (the scheduler retries). Disabled by now: nothing sent.
 */
export async function sendWeeklySummary(deps: Deps, mail: MailSender, payload: WeeklySummaryPayload, options: WeeklySummaryOptions = {}): Promise<WeeklySummaryOutcome> {
  const { orgId } = payload;
  const { data: org } = await deps.store.entities.organization.get({ orgId }).go();
  if (!org) return { sent: false, why: 'organization-gone' };
  const settings = await readSettings(deps, orgId, true);
  if (!settings.weeklySummary.enabled) return { sent: false, why: 'disabled' };
  const tz = settings.weeklySummary.timeZone;
  const firedAt = payload.scheduledAt ? new Date(payload.scheduledAt) : deps.now();
  const week = weekBefore(firedAt, tz);

  const mailbox = await senderMailboxFor(deps, orgId);
  const address = mailbox?.address ?? (options.fromDomain ? `no-reply@${options.fromDomain}` : undefined);
  if (!address) return { sent: false, why: 'no-sender' };
  // As customer mail does: the business name signs, the mailbox's display name is the From name.
  const business = settings.mailIdentity.name ?? mailbox?.displayName ?? org.name;
  const fromName = mailbox?.displayName ?? settings.mailIdentity.fromDisplay ?? business;

  const { data: users } = await deps.store.entities.user.query.byOrg({ orgId }).go({ pages: 'all' });
  const recipients = users.filter((u) => u.active && isSupervisorRole(u.role) && (u.mailNotifications ?? 'immediate') !== 'off');
  if (recipients.length === 0) return { sent: false, why: 'no-recipients' };

  const overview = await organizationOverview(deps, orgId, { ...week, tz });
  const dashboardUrl = options.appUrl ? `${options.appUrl.replace(/\/$/, '')}/dashboard` : undefined;
  const { subject, text, html } = composeSummaryText(business, overview, dashboardUrl);
  const domain = address.split('@')[1];
  const ttl = Math.floor(deps.now().getTime() / 1000) + RETENTION_SECONDS;
  const sent: string[] = [];
  const skipped: string[] = [];
  for (const user of recipients) {
    const key = { orgId, week: week.from, userId: user.userId };
    try {
      await deps.store.entities.weeklySummaryMail.create({ ...key, state: 'claimed', claimedAt: deps.now().toISOString(), ttl }).go();
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      skipped.push(user.userId); // claimed by an earlier delivery of this firing: sent, or being sent
      continue;
    }
    const raw = await buildMail({
      from: { name: fromName, address },
      to: { name: user.name, address: user.email },
      subject,
      text,
      html,
      messageId: `hd.weekly.${week.from}.${Buffer.from(`${orgId}/${user.userId}`).toString('hex').slice(0, 80)}@${domain}`,
      date: deps.now(),
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'X-Helpdesk-Report': `weekly-summary ${week.from}` },
    });
    try {
      const { providerId } = await mail.send({ from: address, to: [user.email], raw });
      await deps.store.entities.weeklySummaryMail.patch(key).set({ state: 'sent', sentAt: deps.now().toISOString(), providerId }).go();
      sent.push(user.email);
    } catch (error) {
      await deps.store.entities.weeklySummaryMail.delete(key).go().catch(() => undefined);
      throw error;
    }
  }
  return { sent: true, week, to: sent, skipped };
}

function isConditionalFailure(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${(error as { cause?: { name?: string } })?.cause?.name ?? ''}`;
  return /conditional/i.test(text);
}

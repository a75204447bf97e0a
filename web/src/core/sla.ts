import type { TicketView } from './types';

export type SlaTone = 'ok' | 'soon' | 'breached' | 'paused' | 'none';

export interface SlaDue {
  label: string;
  /** Epoch ms of the nearest pending target, if one runs. */
  dueAt?: number;
  tone: SlaTone;
  text: string;
}

const TARGET_LABEL = { firstResponse: 'First response', nextResponse: 'Next response', resolution: 'Resolution' } as const;
/** Under an hour left reads as "due soon". */
const SOON_MS = 60 * 60 * 1000;

/**
 * The badge of a ticket's SLA: its nearest running target counting down, red once it has
 * passed or the server recorded a breach, grey while the clock is paused.
 */
export function slaDue(ticket: Pick<TicketView, 'sla' | 'status'>, now: number, format: (ms: number) => string): SlaDue | undefined {
  const sla = ticket.sla;
  if (!sla || ['resolved', 'closed', 'cancelled'].includes(ticket.status)) return undefined;
  const pending = (['firstResponse', 'nextResponse', 'resolution'] as const)
    .map((kind) => ({ kind, at: sla[`${kind}DueAt`] }))
    .filter((t): t is { kind: keyof typeof TARGET_LABEL; at: string } => !!t.at)
    .map((t) => ({ ...t, ms: Date.parse(t.at) }))
    .sort((a, b) => a.ms - b.ms);
  const next = pending[0];
  if (sla.pausedSince && !next) return { label: 'SLA', tone: 'paused', text: 'Paused' };
  if (!next) {
    return sla.breached.length ? { label: 'SLA', tone: 'breached', text: 'Breached' } : undefined;
  }
  const label = TARGET_LABEL[next.kind];
  const left = next.ms - now;
  if (left <= 0) return { label, dueAt: next.ms, tone: 'breached', text: `Breached ${format(-left)} ago` };
  const breachedBefore = sla.breached.length > 0;
  return { label, dueAt: next.ms, tone: breachedBefore ? 'breached' : left < SOON_MS ? 'soon' : 'ok', text: `${format(left)} left` };
}

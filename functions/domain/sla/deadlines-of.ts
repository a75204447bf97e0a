import { SLA_TARGET_KINDS, type SlaDeadline, type SlaState } from './sla-state';

/**
 * The deadlines still to be reached, earliest first (ties: by target, warning first): a
 * warning and a breach per unfinished target, minus those already reached. None while paused.
 * Throws nothing.
 */
export function deadlinesOf(state: SlaState): SlaDeadline[] {
  if (state.pausedSince) return [];
  const out: SlaDeadline[] = [];
  for (const kind of SLA_TARGET_KINDS) {
    const timer = state.timers[kind];
    if (!timer || timer.completedAt) continue;
    if (!timer.warned && timer.warningAt) out.push({ kind, stage: 'warning', at: new Date(timer.warningAt) });
    if (!timer.breached && timer.dueAt) out.push({ kind, stage: 'breach', at: new Date(timer.dueAt) });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a) - order(b));
}

function order(d: SlaDeadline): number {
  return SLA_TARGET_KINDS.indexOf(d.kind) * 2 + (d.stage === 'warning' ? 0 : 1);
}

import { DEFAULT_SLA_TARGETS, SLA_PRIORITIES, type SlaTargets } from '../../../schemas/sla-policies';
import type { SlaPolicy } from './sla-state';

export const DEFAULT_SLA_POLICY_ID = 'default';

/**
 * The product defaults on a 24x7 calendar, for an organization without a policy of its own:
 * critical 30 min / 4 h, urgent 1 h / 8 h, high 2 h / 24 h, medium 4 h / 48 h, low 8 h / 96 h
 * (first response / resolution; next response equals first response). A fresh copy each call.
 * Throws nothing.
 */
export function defaultSlaPolicy(): SlaPolicy {
  const targets = Object.fromEntries(SLA_PRIORITIES.map((p) => [p, { ...DEFAULT_SLA_TARGETS[p] }])) as SlaTargets;
  return { id: DEFAULT_SLA_POLICY_ID, name: 'Default', calendar: '24x7', targets };
}

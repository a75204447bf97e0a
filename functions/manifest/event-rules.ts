import { EMAIL_RULES } from './features/email';
import { META_RULES } from './features/meta';
import { REALTIME_RULES } from './features/realtime';
import { SLA_RULES } from './features/sla';
import { WEBHOOK_RULES } from './features/webhooks';
import { TICKET_EVENT_PREFIX } from '../../schemas/events';
import { TEAM_RULES } from './features/team';
import { WORKFLOW_RULES } from './features/workflow';
import { ANALYTICS_RULES } from './features/analytics';
import { KB_RULES } from './features/kb';
import type { DetailPattern, EventRuleSpec, ManifestRuleSpec } from './spec';

export type { DetailPattern, EventRuleSpec, ManifestRuleSpec, RuleTarget } from './spec';

/**
 * The one manifest of bus rules, gathered from the features. CDK makes an EventBridge rule
 * per entry; the local runtime's event pump delivers to the same targets.
 */
export const EVENT_RULES: readonly ManifestRuleSpec[] = [...SLA_RULES, ...WEBHOOK_RULES, ...REALTIME_RULES, ...EMAIL_RULES, ...TEAM_RULES, ...META_RULES,
  ...WORKFLOW_RULES, ...ANALYTICS_RULES, ...KB_RULES];

/** Whether a rule takes an event of this detail-type: `*` is every ticket event, never a job. */
export function ruleMatches(rule: Pick<EventRuleSpec, 'detailTypes'>, detailType: string): boolean {
  return rule.detailTypes === '*' ? detailType.startsWith(TICKET_EVENT_PREFIX) : (rule.detailTypes as readonly string[]).includes(detailType);
}

/**
 * Whether an event's detail matches a rule's content filter, as EventBridge decides it: each
 * named field present and equal to one of the listed values (an array field: any element),
 * nested objects field by field. No filter matches everything.
 */
export function detailMatches(pattern: DetailPattern | undefined, detail: unknown): boolean {
  if (!pattern) return true;
  if (typeof detail !== 'object' || detail === null) return false;
  return Object.entries(pattern).every(([field, wanted]) => {
    const value = (detail as Record<string, unknown>)[field];
    if (!Array.isArray(wanted)) return detailMatches(wanted as DetailPattern, value);
    const values = Array.isArray(value) ? value : [value];
    return values.some((v) => (wanted as readonly unknown[]).includes(v));
  });
}

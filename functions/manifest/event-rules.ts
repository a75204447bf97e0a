import { EMAIL_RULES } from './features/email';
import { META_RULES } from './features/meta';
import { REALTIME_RULES } from './features/realtime';
import { SLA_RULES } from './features/sla';
import { WEBHOOK_RULES } from './features/webhooks';
import { TICKET_EVENT_PREFIX } from '../../schemas/events';
import { TEAM_RULES } from './features/team';
import { WORKFLOW_RULES } from './features/workflow';
import type { EventRuleSpec, ManifestRuleSpec } from './spec';

export type { EventRuleSpec, ManifestRuleSpec, RuleTarget } from './spec';

/**
 * The one manifest of bus rules, gathered from the features. CDK makes an EventBridge rule
 * per entry; the local runtime's event pump delivers to the same targets.
 */
export const EVENT_RULES: readonly ManifestRuleSpec[] = [...SLA_RULES, ...WEBHOOK_RULES, ...REALTIME_RULES, ...EMAIL_RULES, ...TEAM_RULES, ...META_RULES,
  ...WORKFLOW_RULES];

/** Whether a rule takes an event of this detail-type: `*` is every ticket event, never a job. */
export function ruleMatches(rule: Pick<EventRuleSpec, 'detailTypes'>, detailType: string): boolean {
  return rule.detailTypes === '*' ? detailType.startsWith(TICKET_EVENT_PREFIX) : (rule.detailTypes as readonly string[]).includes(detailType);
}

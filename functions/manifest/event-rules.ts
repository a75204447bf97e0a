import { EMAIL_RULES } from './features/email';
import { META_RULES } from './features/meta';
import { REALTIME_RULES } from './features/realtime';
import { SLA_RULES } from './features/sla';
import { WEBHOOK_RULES } from './features/webhooks';
import { TEAM_RULES } from './features/team';
import type { EventRuleSpec } from './spec';

export type { EventRuleSpec, RuleTarget } from './spec';

/**
 * The one manifest of bus rules, gathered from the features. CDK makes an EventBridge rule
 * per entry; the local runtime's event pump delivers to the same targets.
 */
export const EVENT_RULES: readonly EventRuleSpec[] = [...SLA_RULES, ...WEBHOOK_RULES, ...REALTIME_RULES, ...EMAIL_RULES, ...TEAM_RULES, ...META_RULES];

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
import type { DetailMatcher, DetailPattern, EventRuleSpec, ManifestRuleSpec } from './spec';

export type { ConsumerDedupe, DetailMatcher, DetailPattern, EventRuleSpec, ManifestRuleSpec, RuleTarget } from './spec';

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

/** EventBridge's keyword for alternatives inside a pattern. */
export const OR = '$or';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The leaves of a field's value as EventBridge flattens an event: a scalar (null included) is
 * one leaf, an array contributes its scalar elements, an object contributes none (its own
 * fields are the leaves), and an absent field none.
 */
function leavesOf(value: unknown): unknown[] {
  if (value === undefined || isPlainObject(value)) return [];
  return Array.isArray(value) ? value.filter((v) => !isPlainObject(v) && !Array.isArray(v)) : [value];
}

function leafMatches(matchers: readonly DetailMatcher[], value: unknown): boolean {
  const leaves = leavesOf(value);
  return matchers.some((matcher) => {
    if (isPlainObject(matcher) && 'exists' in matcher) return (leaves.length > 0) === matcher.exists;
    return leaves.some((leaf) => leaf === matcher);
  });
}

function objectMatches(pattern: DetailPattern, value: unknown): boolean {
  // A nested pattern over an array of objects: any element may match (EventBridge's array rule).
  if (Array.isArray(value) && value.some(isPlainObject)) return value.some((element) => objectMatches(pattern, element));
  const object = isPlainObject(value) ? value : {};
  return Object.entries(pattern).every(([field, wanted]) => {
    if (field === OR) return (wanted as readonly DetailPattern[]).some((alternative) => objectMatches(alternative, object));
    if (!Array.isArray(wanted)) return objectMatches(wanted as DetailPattern, object[field]);
    return leafMatches(wanted as readonly DetailMatcher[], object[field]);
  });
}

/**
 * Whether an event's detail matches a rule's content filter, as EventBridge decides it: each
 * named leaf field present with one of the listed values (an array field: any element), or
 * present/absent as `exists` says; nested objects field by field (a missing object has every
 * field absent); `$or` when any of its alternatives matches at that level. No filter matches
 * everything.
 */
export function detailMatches(pattern: DetailPattern | undefined, detail: unknown): boolean {
  if (!pattern) return true;
  if (!isPlainObject(detail)) return false;
  return objectMatches(pattern, detail);
}

/**
 * What EventBridge (or CloudFormation) would refuse, or read differently, in a content filter:
 * `$or` needs an array of at least two patterns (otherwise EventBridge takes it for a field
 * name), every other field a non-empty array of matchers or a nested pattern, no `null` (a
 * template cannot hold one), `exists` only as a boolean. @returns the problems, empty when valid.
 */
export function detailPatternProblems(pattern: DetailPattern, path = 'detail'): string[] {
  return Object.entries(pattern).flatMap(([field, wanted]): string[] => {
    const at = `${path}.${field}`;
    if (field === OR) {
      if (!Array.isArray(wanted) || wanted.length < 2 || !wanted.every(isPlainObject)) return [`${at} needs two or more patterns`];
      return (wanted as DetailPattern[]).flatMap((alternative, i) => detailPatternProblems(alternative, `${at}[${i}]`));
    }
    if (isPlainObject(wanted)) return detailPatternProblems(wanted as DetailPattern, at);
    if (!Array.isArray(wanted) || wanted.length === 0) return [`${at} needs a non-empty list`];
    return wanted.flatMap((matcher: unknown) => {
      if (matcher === null || matcher === undefined) return [`${at} lists null, which a CloudFormation template cannot hold`];
      if (isPlainObject(matcher)) {
        const keys = Object.keys(matcher);
        return keys.length === 1 && keys[0] === 'exists' && typeof matcher.exists === 'boolean' ? [] : [`${at} has an operator this manifest does not support: ${JSON.stringify(matcher)}`];
      }
      return ['string', 'number', 'boolean'].includes(typeof matcher) ? [] : [`${at} lists ${JSON.stringify(matcher)}`];
    });
  });
}

import type { Condition, Conditions } from '../../../schemas/automations';
import { TicketPriority } from '../../../schemas/ticket-enums';

/** The ticket facts conditions look at (a ticket item has them all). */
export interface TicketFacts {
  subject: string;
  description: string;
  status: string;
  priority: string;
  category?: string | null;
  channel: string;
  tags: readonly string[];
  requesterEmail: string;
  customFields?: Record<string, unknown> | null;
  updatedAt: string;
}

export interface ConditionResult {
  group: 'all' | 'any';
  field: string;
  op: Condition['op'];
  value: Condition['value'];
  actual: unknown;
  matched: boolean;
}

const PRIORITY_RANK = new Map<string, number>(TicketPriority.options.map((p, i) => [p, i]));
const HOUR_MS = 3_600_000;

/** The value of a condition's field on a ticket at `now`. Pure. */
export function factOf(ticket: TicketFacts, field: string, now: Date): unknown {
  if (field === 'hoursSinceUpdate') return (now.getTime() - Date.parse(ticket.updatedAt)) / HOUR_MS;
  if (field === 'requester.email') return ticket.requesterEmail;
  if (field.startsWith('customFields.')) return ticket.customFields?.[field.slice('customFields.'.length)] ?? null;
  return (ticket as unknown as Record<string, unknown>)[field] ?? null;
}

/** Text compares without case; everything else as is. */
const norm = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
const same = (a: unknown, b: unknown) => norm(a) === norm(b);

/** A number to compare with gt/lt: numbers as they are, priorities by rank, numeric text parsed. */
function ordinal(field: string, value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (field === 'priority' && typeof value === 'string') return PRIORITY_RANK.get(value.toLowerCase());
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/**
 * Whether one condition holds for a value. Lists (tags, multi-select custom fields) hold for
 * `is`/`contains` when one element is the value, for `in` when one element is among the
 * values; `is_not`/`not_contains` are their negation. Text comparisons ignore case. Pure.
 */
export function holds(condition: Pick<Condition, 'field' | 'op' | 'value'>, actual: unknown): boolean {
  const { op, value, field } = condition;
  const wanted = Array.isArray(value) ? value : [value];
  if (Array.isArray(actual)) {
    const has = (v: unknown) => actual.some((a) => same(a, v));
    switch (op) {
      case 'is': case 'contains': return has(value);
      case 'is_not': case 'not_contains': return !has(value);
      case 'in': return wanted.some(has);
      default: return false;
    }
  }
  switch (op) {
    case 'is': return same(actual, value);
    case 'is_not': return !same(actual, value);
    case 'contains': return typeof actual === 'string' && typeof value === 'string' && actual.toLowerCase().includes(value.toLowerCase());
    case 'not_contains': return !(typeof actual === 'string' && typeof value === 'string' && actual.toLowerCase().includes(value.toLowerCase()));
    case 'in': return wanted.some((v) => same(actual, v));
    case 'gt': case 'lt': {
      const a = ordinal(field, actual);
      const b = ordinal(field, value);
      if (a === undefined || b === undefined) return false;
      return op === 'gt' ? a > b : a < b;
    }
  }
}

/**
 * Evaluates a rule's conditions on a ticket at `now`: every `all` condition must hold and, when
 * `any` is given, at least one of it. No conditions at all match every ticket. Pure.
 */
export function evaluateConditions(conditions: Conditions, ticket: TicketFacts, now: Date): { matched: boolean; results: ConditionResult[] } {
  const results: ConditionResult[] = [];
  for (const group of ['all', 'any'] as const) {
    for (const c of conditions[group] ?? []) {
      const actual = factOf(ticket, c.field, now);
      results.push({ group, field: c.field, op: c.op, value: c.value, actual, matched: holds(c, actual) });
    }
  }
  const all = results.filter((r) => r.group === 'all').every((r) => r.matched);
  const anyResults = results.filter((r) => r.group === 'any');
  const any = anyResults.length === 0 || anyResults.some((r) => r.matched);
  return { matched: all && any, results };
}

/** The `hoursSinceUpdate` thresholds a rule waits for (the `gt` ones: they become true with time). Pure. */
export function idleThresholdsOf(conditions: Conditions): number[] {
  return [...(conditions.all ?? []), ...(conditions.any ?? [])]
    .filter((c) => c.field === 'hoursSinceUpdate' && c.op === 'gt' && typeof c.value === 'number')
    .map((c) => c.value as number);
}

/** Whether a rule looks at time (it is also run when its ticket's automation timer fires). Pure. */
export const isTimeBased = (conditions: Conditions) =>
  [...(conditions.all ?? []), ...(conditions.any ?? [])].some((c) => c.field === 'hoursSinceUpdate');

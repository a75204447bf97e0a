import type { SlaPolicyConditions } from '../../../schemas/sla-policies';
import type { SlaPolicy, SlaPolicyReason } from '../sla';

/** What a policy's conditions look at on a ticket. */
export interface SlaPolicyFacts {
  priority: string;
  category?: string | null;
  channel: string;
  requesterEmail: string;
}

/** A policy as the matcher sees it. */
export interface SlaPolicyCandidate {
  policy: SlaPolicy;
  conditions: SlaPolicyConditions | null;
  order: number;
  enabled: boolean;
  createdAt: string;
}

export type { SlaPolicyReason };

/** The mail domain of an address, lower case ('' when there is none). Throws nothing. */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

const lower = (v: string | null | undefined) => (v ?? '').trim().toLowerCase();

/**
 * The fields the conditions matched on (name -> the ticket's value), or null when one does not
 * match. `{}` matches every ticket (and names nothing). Throws nothing.
 */
export function matchConditions(conditions: SlaPolicyConditions, facts: SlaPolicyFacts): Record<string, string> | null {
  const matched: Record<string, string> = {};
  if (conditions.priorities) {
    if (!conditions.priorities.includes(facts.priority as never)) return null;
    matched.priority = facts.priority;
  }
  if (conditions.categories) {
    const category = lower(facts.category);
    if (!category || !conditions.categories.some((c) => lower(c) === category)) return null;
    matched.category = facts.category!;
  }
  if (conditions.channels) {
    const channel = lower(facts.channel);
    if (!conditions.channels.includes(channel)) return null;
    matched.channel = channel;
  }
  if (conditions.requesterDomains) {
    const domain = domainOf(facts.requesterEmail);
    if (!conditions.requesterDomains.some((d) => domain === d || domain.endsWith(`.${d}`))) return null;
    matched.requesterDomain = domain;
  }
  return matched;
}

/** The candidates taking part in matching, in matching order: enabled, with conditions, by order then age then id. */
export function matchingOrder(candidates: readonly SlaPolicyCandidate[]): SlaPolicyCandidate[] {
  return candidates
    .filter((c) => c.enabled && c.conditions)
    .sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.policy.id.localeCompare(b.policy.id));
}

/**
 * The first enabled policy whose conditions all match the ticket, else `fallback` (the org's
 * default). Throws nothing.
 */
export function chooseSlaPolicy(
  candidates: readonly SlaPolicyCandidate[], facts: SlaPolicyFacts, fallback: SlaPolicy,
): { policy: SlaPolicy; reason: SlaPolicyReason } {
  for (const candidate of matchingOrder(candidates)) {
    const matched = matchConditions(candidate.conditions!, facts);
    if (matched) return { policy: candidate.policy, reason: { kind: 'conditions', matched } };
  }
  return { policy: fallback, reason: { kind: 'default' } };
}

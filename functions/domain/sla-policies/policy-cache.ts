import { DEFAULT_SLA_POLICY_ID, defaultSlaPolicy, type SlaPolicy } from '../sla';
import type { Deps, Store } from '../store/store';
import { chooseSlaPolicy, type SlaPolicyCandidate, type SlaPolicyFacts, type SlaPolicyReason } from './match-sla-policy';
import type { SlaPolicyItem } from './sla-policy.entity';

/** Per container and store: an org's policies for a short while, so ticket writes do not query them each time. */
const TTL_MS = 30_000;
interface OrgPolicies {
  byId: Map<string, SlaPolicy>;
  defaultId: string | null;
  candidates: SlaPolicyCandidate[];
  loadedAt: number;
}
const caches = new WeakMap<Store, Map<string, Promise<OrgPolicies>>>();

export function toSlaPolicy(item: Pick<SlaPolicyItem, 'policyId' | 'name' | 'calendar' | 'targets'>): SlaPolicy {
  return { id: item.policyId, name: item.name, calendar: item.calendar, targets: item.targets };
}

/** A stored policy as the matcher sees it; policies from before conditions have none and are enabled. */
export function toCandidate(item: SlaPolicyItem): SlaPolicyCandidate {
  return {
    policy: toSlaPolicy(item), conditions: item.conditions ?? null, order: item.order ?? 100, enabled: item.enabled ?? true,
    createdAt: item.createdAt,
  };
}

/** All policies of an org and its default's id, in one Query. Throws nothing expected. */
export async function readOrgPolicies(
  deps: Pick<Deps, 'store'>, orgId: string, options: { consistent?: boolean } = {},
): Promise<{ policies: SlaPolicyItem[]; defaultId: string | null }> {
  const { data } = await deps.store.collections.slaPolicies({ orgId }).go({ pages: 'all', consistent: options.consistent });
  return { policies: data.slaPolicy, defaultId: data.slaDefaultPolicy[0]?.policyId ?? null };
}

async function orgPolicies(deps: Pick<Deps, 'store'>, orgId: string): Promise<OrgPolicies> {
  let perStore = caches.get(deps.store);
  if (!perStore) caches.set(deps.store, (perStore = new Map()));
  const known = perStore.get(orgId);
  if (known && Date.now() - (await known).loadedAt < TTL_MS) return known;
  // The promise is cached, so concurrent writes of a cold org share one Query.
  const loading = readOrgPolicies(deps, orgId).then(({ policies, defaultId }) => ({
    byId: new Map(policies.map((p) => [p.policyId, toSlaPolicy(p)])), defaultId, loadedAt: Date.now(),
    candidates: policies.map(toCandidate),
  }));
  perStore.set(orgId, loading);
  loading.catch(() => perStore.get(orgId) === loading && perStore.delete(orgId));
  return loading;
}

/** The org's default policy, or the product defaults when it has none. */
export async function defaultPolicyOf(deps: Pick<Deps, 'store'>, orgId: string): Promise<SlaPolicy> {
  const org = await orgPolicies(deps, orgId);
  return (org.defaultId && org.byId.get(org.defaultId)) || defaultSlaPolicy();
}

/**
 * The policy a ticket with these facts gets: the first enabled policy whose conditions match
 * (by `order`), else the org's default (the product defaults when it has none).
 */
export async function policyForTicket(
  deps: Pick<Deps, 'store'>, orgId: string, facts: SlaPolicyFacts,
): Promise<{ policy: SlaPolicy; reason: SlaPolicyReason }> {
  const org = await orgPolicies(deps, orgId);
  return chooseSlaPolicy(org.candidates, facts, (org.defaultId && org.byId.get(org.defaultId)) || defaultSlaPolicy());
}

/** Whether the policy takes part in matching (enabled, with conditions) in the cached list. */
export async function isConditionalPolicy(deps: Pick<Deps, 'store'>, orgId: string, policyId: string): Promise<boolean> {
  const org = await orgPolicies(deps, orgId);
  return org.candidates.some((c) => c.policy.id === policyId && c.enabled && c.conditions);
}

/** A policy by id; a deleted one (or the product default) falls back to the org's default. */
export async function policyById(deps: Pick<Deps, 'store'>, orgId: string, policyId: string): Promise<SlaPolicy> {
  if (policyId === DEFAULT_SLA_POLICY_ID) return defaultSlaPolicy();
  const org = await orgPolicies(deps, orgId);
  return org.byId.get(policyId) ?? defaultPolicyOf(deps, orgId);
}

/** After a policy write in this container: the next read sees it at once. */
export function forgetOrgPolicies(store: Store, orgId: string): void {
  caches.get(store)?.delete(orgId);
}

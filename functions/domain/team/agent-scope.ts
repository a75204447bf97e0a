import type { AgentScope, OrganizationSettingsPatch } from '../../../schemas/team';
import type { Caller } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Deps } from '../store/store';

/** What an agent may see of the organization's tickets. Supervisors, admins: everything. */
export type TicketScope =
  | { kind: 'all' }
  | { kind: 'assigned'; userId: string }
  | { kind: 'department'; userId: string; departmentIds: string[] };

/** The ticket facts a scope looks at (a ticket item or an event's snapshot). */
export interface ScopedTicket {
  assigneeId?: string | null;
  departmentId?: string | null;
  watchers?: readonly string[] | null;
}

export interface OrganizationSettings {
  agentScope: AgentScope;
  [key: string]: unknown;
}

/**
 * Settings are read on every agent's ticket read; a container keeps them for a short while,
 * so a busy console costs one GetItem per organization per half minute, not one per request.
 * A change reaches other containers within that time (this one at once).
 */
const SETTINGS_TTL_MS = 30_000;
const settingsCache = new Map<string, { settings: OrganizationSettings; until: number }>();

/** The organization's settings with defaults filled in (one GetItem, cached briefly). */
export async function organizationSettings(deps: Deps, orgId: string): Promise<OrganizationSettings> {
  const cached = settingsCache.get(orgId);
  if (cached && cached.until > Date.now()) return cached.settings;
  const { data } = await deps.store.entities.organization.get({ orgId }).go();
  const stored = (data?.settings ?? {}) as Partial<OrganizationSettings>;
  const settings = { ...stored, agentScope: stored.agentScope ?? 'all' };
  if (settingsCache.size > 10_000) settingsCache.clear();
  settingsCache.set(orgId, { settings, until: Date.now() + SETTINGS_TTL_MS });
  return settings;
}

/** @throws NotFoundError when the organization has no record. */
export async function getOrganization(deps: Deps, caller: Caller) {
  const { data } = await deps.store.entities.organization.get({ orgId: caller.orgId }).go();
  if (!data) throw new NotFoundError('organization', caller.orgId);
  return { id: data.orgId, name: data.name, settings: { ...(data.settings as object), agentScope: (data.settings as Partial<OrganizationSettings>)?.agentScope ?? 'all' } };
}

/** Changes organization settings (admin). @throws ForbiddenError, NotFoundError */
export async function updateOrganizationSettings(deps: Deps, caller: Caller, patch: OrganizationSettingsPatch) {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins change organization settings');
  const current = await getOrganization(deps, caller);
  const settings = { ...current.settings, ...patch };
  await deps.store.entities.organization.patch({ orgId: caller.orgId }).set({ settings }).go();
  settingsCache.delete(caller.orgId);
  return { ...current, settings };
}

/** The caller's ticket scope: a GetItem of the organization, and of the agent for `department`. */
export async function ticketScopeOf(deps: Deps, caller: Caller): Promise<TicketScope> {
  if (caller.role !== 'agent') return { kind: 'all' };
  const { agentScope } = await organizationSettings(deps, caller.orgId);
  if (agentScope === 'assigned') return { kind: 'assigned', userId: caller.userId };
  if (agentScope === 'department') {
    const { data } = await deps.store.entities.user.get({ orgId: caller.orgId, userId: caller.userId }).go();
    return { kind: 'department', userId: caller.userId, departmentIds: data?.departmentIds ?? [] };
  }
  return { kind: 'all' };
}

/** Whether a ticket is within a scope: assigned to or watched by the agent, or of their departments. Pure. */
export function inScope(scope: TicketScope, ticket: ScopedTicket): boolean {
  if (scope.kind === 'all') return true;
  if (ticket.assigneeId === scope.userId || (ticket.watchers ?? []).includes(scope.userId)) return true;
  return scope.kind === 'department' && Boolean(ticket.departmentId) && scope.departmentIds.includes(ticket.departmentId!);
}

/** @throws NotFoundError when an agent's scope hides the ticket (never 403: no existence leak). */
export async function assertInScope(deps: Deps, caller: Caller, ticket: ScopedTicket, ticketId: string): Promise<void> {
  if (caller.role !== 'agent') return;
  if (!inScope(await ticketScopeOf(deps, caller), ticket)) throw new NotFoundError('ticket', ticketId);
}

/**
 * For the WebSocket fan-out: the scope of each staff member of the organization, read once per
 * event (the org's settings, and the directory only when the scope is `department`).
 */
export async function scopesOfOrganization(deps: Deps, orgId: string): Promise<(userId: string, role: string) => TicketScope> {
  const { agentScope } = await organizationSettings(deps, orgId);
  if (agentScope === 'all') return () => ({ kind: 'all' });
  let departments = new Map<string, string[]>();
  if (agentScope === 'department') {
    const { data } = await deps.store.entities.user.query.byOrg({ orgId }).go({ pages: 'all' });
    departments = new Map(data.map((u) => [u.userId, u.departmentIds ?? []]));
  }
  return (userId, role) => {
    if (role !== 'agent') return { kind: 'all' };
    return agentScope === 'assigned' ? { kind: 'assigned', userId } : { kind: 'department', userId, departmentIds: departments.get(userId) ?? [] };
  };
}

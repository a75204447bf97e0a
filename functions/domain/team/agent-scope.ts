import type { OrganizationSettingsPatch } from '../../../schemas/team';
import type { Caller } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import { type OrganizationSettings, cachedSettings, settingsOf, updateSettings } from '../settings/org-settings';

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

export type { OrganizationSettings };

/**
 * The organization's settings with defaults filled in, for hot paths (an agent's every ticket
 * read): the one settings reader, cached briefly per container.
 */
export async function organizationSettings(deps: Deps, orgId: string): Promise<OrganizationSettings> {
  return cachedSettings(deps, orgId);
}

/** @throws NotFoundError when the organization has no record. */
export async function getOrganization(deps: Deps, caller: Caller) {
  const { data } = await deps.store.entities.organization.get({ orgId: caller.orgId }).go();
  if (!data) throw new NotFoundError('organization', caller.orgId);
  return { id: data.orgId, name: data.name, settings: settingsOf(data.settings) };
}

/** Changes organization settings (admin): a versioned, audited settings change. @throws ForbiddenError, NotFoundError */
export async function updateOrganizationSettings(deps: Deps, caller: Caller, patch: OrganizationSettingsPatch) {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins change organization settings');
  const current = await getOrganization(deps, caller);
  const { settings } = await updateSettings(deps, caller, patch);
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

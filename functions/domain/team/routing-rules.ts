import { isStaffRole } from '../../../schemas/roles';
import type { Availability, RoutingConfig, RoutingRule, RoutingStrategy } from '../../../schemas/team';
import { DEFAULT_CAPACITY } from '../../../schemas/users';

/** What a rule looks at: the ticket's category, channel, priority and tags. */
export interface RoutableTicket {
  category?: string | null;
  channel: string;
  priority: string;
  tags: readonly string[];
}

export interface RouteTarget {
  rule: string;
  departmentId?: string;
  strategy: RoutingStrategy;
  skills: string[];
}

/** The first rule that matches the ticket, else the fallback; undefined when nothing routes. Pure. */
export function chooseRoute(config: Pick<RoutingConfig, 'rules' | 'fallback'>, ticket: RoutableTicket): RouteTarget | undefined {
  const rule = config.rules.find((r) => ruleMatches(r, ticket));
  if (rule) return { rule: rule.name, departmentId: rule.departmentId, strategy: rule.strategy, skills: rule.skills ?? [] };
  if (config.fallback) return { rule: 'fallback', departmentId: config.fallback.departmentId, strategy: config.fallback.strategy, skills: [] };
  return undefined;
}

export function ruleMatches(rule: Pick<RoutingRule, 'when'>, ticket: RoutableTicket): boolean {
  const { when } = rule;
  if (when.category !== undefined && when.category !== ticket.category) return false;
  if (when.channel !== undefined && when.channel !== ticket.channel) return false;
  if (when.priority !== undefined && when.priority !== ticket.priority) return false;
  if (when.tags?.length && !when.tags.every((tag) => ticket.tags.includes(tag))) return false;
  return true;
}

export interface Agent {
  userId: string;
  role: string;
  active: boolean;
  departmentIds?: string[];
  skills?: string[];
  capacity?: number;
  availability?: Availability;
  openAssigned: number;
  lastAssignedAt?: string;
}

export const capacityOf = (agent: Pick<Agent, 'capacity'>) => agent.capacity ?? DEFAULT_CAPACITY;

/** Staff of the department (all staff without one), whatever their state: the rotation's ring. */
export function membersOf(agents: readonly Agent[], departmentId: string | undefined): Agent[] {
  return agents
    .filter((a) => a.active && isStaffRole(a.role) && (!departmentId || (a.departmentIds ?? []).includes(departmentId)))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** Who may take a ticket now: available, under capacity, and with every required skill. */
export function isEligible(agent: Agent, skills: readonly string[]): boolean {
  if ((agent.availability ?? 'available') !== 'available') return false;
  if (agent.openAssigned >= capacityOf(agent)) return false;
  return skills.every((skill) => (agent.skills ?? []).includes(skill));
}

/**
 * The candidates in the order the strategy prefers them (the router tries the first, and
 * the next when a concurrent assignment filled it). Pure.
 * - round_robin: the ring from the one after `lastAgentId`, so turns go around fairly.
 * - least_loaded: fewest open assigned, ties by longest since the last assignment.
 * - skills: those with every skill, then least loaded.
 */
export function rankCandidates(
  members: readonly Agent[],
  strategy: RoutingStrategy,
  skills: readonly string[],
  lastAgentId?: string,
): Agent[] {
  const required = strategy === 'skills' ? skills : [];
  if (strategy === 'round_robin') {
    const start = lastAgentId ? members.findIndex((m) => m.userId > lastAgentId) : 0;
    const from = start < 0 ? 0 : start;
    const ring = [...members.slice(from), ...members.slice(0, from)];
    return ring.filter((a) => isEligible(a, required));
  }
  return members
    .filter((a) => isEligible(a, required))
    .sort((a, b) => a.openAssigned - b.openAssigned || (a.lastAssignedAt ?? '').localeCompare(b.lastAssignedAt ?? '') || a.userId.localeCompare(b.userId));
}

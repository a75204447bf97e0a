import type { EventRuleSpec, HttpGroupSpec, HttpRouteSpec, QueueSpec } from '../spec';

/** The sla feature's routes, handler groups, bus rules and queues. */
export const SLA_GROUPS = {} as const satisfies Record<string, HttpGroupSpec>;
export const SLA_ROUTES = [] as const satisfies readonly HttpRouteSpec[];
export const SLA_RULES: readonly EventRuleSpec[] = [];
export const SLA_QUEUES = {} as const satisfies Record<string, QueueSpec>;

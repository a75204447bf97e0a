import type { EventRuleSpec, HttpGroupSpec, HttpRouteSpec, QueueSpec } from '../spec';

/** The realtime feature's routes, handler groups, bus rules and queues. */
export const REALTIME_GROUPS = {} as const satisfies Record<string, HttpGroupSpec>;
export const REALTIME_ROUTES = [] as const satisfies readonly HttpRouteSpec[];
export const REALTIME_RULES: readonly EventRuleSpec[] = [];
export const REALTIME_QUEUES = {} as const satisfies Record<string, QueueSpec>;

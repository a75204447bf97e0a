import type { EventRuleSpec, HttpGroupSpec, HttpRouteSpec, QueueSpec } from '../spec';

/** The email feature's routes, handler groups, bus rules and queues. */
export const EMAIL_GROUPS = {} as const satisfies Record<string, HttpGroupSpec>;
export const EMAIL_ROUTES = [] as const satisfies readonly HttpRouteSpec[];
export const EMAIL_RULES: readonly EventRuleSpec[] = [];
export const EMAIL_QUEUES = {} as const satisfies Record<string, QueueSpec>;

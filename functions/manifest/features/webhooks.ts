import type { EventRuleSpec, HttpGroupSpec, HttpRouteSpec, QueueSpec } from '../spec';

/** The webhooks feature's routes, handler groups, bus rules and queues. */
export const WEBHOOK_GROUPS = {} as const satisfies Record<string, HttpGroupSpec>;
export const WEBHOOK_ROUTES = [] as const satisfies readonly HttpRouteSpec[];
export const WEBHOOK_RULES: readonly EventRuleSpec[] = [];
export const WEBHOOK_QUEUES = {} as const satisfies Record<string, QueueSpec>;

import { ATTACHMENT_GROUPS, ATTACHMENT_ROUTES } from './features/attachments';
import { CORE_GROUPS, CORE_ROUTES } from './features/core';
import { EMAIL_GROUPS, EMAIL_ROUTES } from './features/email';
import { INTAKE_GROUPS, INTAKE_ROUTES } from './features/intake';
import { KB_GROUPS, KB_ROUTES } from './features/kb';
import { META_GROUPS, META_ROUTES } from './features/meta';
import { REALTIME_GROUPS, REALTIME_ROUTES } from './features/realtime';
import { SLA_GROUPS, SLA_ROUTES } from './features/sla';
import { WEBHOOK_GROUPS, WEBHOOK_ROUTES } from './features/webhooks';
import { TEAM_GROUPS, TEAM_ROUTES } from './features/team';
import { ANALYTICS_GROUPS, ANALYTICS_ROUTES } from './features/analytics';
import { RELATION_GROUPS, RELATION_ROUTES } from './features/relations';
import { WORKFLOW_GROUPS, WORKFLOW_ROUTES } from './features/workflow';
import { CAPACITY_GROUPS, CAPACITY_ROUTES } from './features/capacity';
import type { HttpGroupSpec, HttpRouteSpec } from './spec';

export type { HttpRouteSpec } from './spec';

/**
 * The one manifest of HTTP routes and their handler groups (one Lambda each), gathered from
 * each feature's file under features/. Read by the CDK stack, the local runtime and the
 * OpenAPI generator alike.
 */
export const HTTP_GROUPS = {
  ...CORE_GROUPS, ...SLA_GROUPS, ...WEBHOOK_GROUPS, ...REALTIME_GROUPS, ...EMAIL_GROUPS, ...TEAM_GROUPS, ...ATTACHMENT_GROUPS,
  ...INTAKE_GROUPS, ...META_GROUPS,
  ...ANALYTICS_GROUPS,
  ...KB_GROUPS,
  ...RELATION_GROUPS,
  ...WORKFLOW_GROUPS,
  ...CAPACITY_GROUPS,
} satisfies Record<string, HttpGroupSpec>;
export type HttpGroupName = keyof typeof HTTP_GROUPS;

export const HTTP_ROUTES = [
  ...CORE_ROUTES, ...SLA_ROUTES, ...WEBHOOK_ROUTES, ...REALTIME_ROUTES, ...EMAIL_ROUTES, ...TEAM_ROUTES, ...ATTACHMENT_ROUTES,
  ...INTAKE_ROUTES, ...META_ROUTES,
  ...ANALYTICS_ROUTES,
  ...KB_ROUTES,
  ...RELATION_ROUTES,
  ...WORKFLOW_ROUTES,
  ...CAPACITY_ROUTES,
] as const;
export type HttpRoute = (typeof HTTP_ROUTES)[number];
export type OperationId = HttpRoute['operationId'];

/** What CDK deploys: everything but the local runtime's developer tools. */
export const DEPLOYED_ROUTES = (HTTP_ROUTES as readonly HttpRouteSpec[]).filter((route) => !route.localOnly);
export const DEPLOYED_GROUPS = Object.fromEntries(
  Object.entries(HTTP_GROUPS).filter(([, group]) => !(group as HttpGroupSpec).localOnly),
) as Partial<typeof HTTP_GROUPS>;

export { routeKeyOf } from './spec';

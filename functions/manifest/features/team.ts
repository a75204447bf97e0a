import {
  CannedReplyIdParams, CannedReplyInput, CannedReplyList, CannedReplyPatch, CannedReplyQuery, CannedReplyView, CategoryIdParams,
  CategoryInput, CategoryList, CategoryPatch, CategoryView, CustomFieldIdParams, CustomFieldInput, CustomFieldList, CustomFieldPatch,
  CustomFieldView,
} from '../../../schemas/catalog';
import {
  AvailabilityBody, DepartmentIdParams, DepartmentInput, DepartmentList, DepartmentPatch, DepartmentView, OrganizationSettingsPatch,
  OrganizationView, RedeliverParams, RoutingConfig, WatcherList, WatcherParams,
} from '../../../schemas/team';
import { UserIdParams, UserView } from '../../../schemas/users';
import { ALL, COMMON_ERRORS, type EventRuleSpec, type HttpGroupSpec, type HttpRouteSpec, type QueueSpec, STAFF, TICKET_WRITE_ERRORS, problem } from '../spec';

/** The team feature (issue 13): departments, routing, availability, scope, watchers, categories, fields, canned replies. */
export const TEAM_GROUPS = {
  // Availability changes are announced to the live list over the WebSocket.
  team: { entry: 'functions/handlers/http/team.ts', memoryMb: 512, timeoutSeconds: 10, needs: ['websocket-post'] },
  catalog: { entry: 'functions/handlers/http/catalog.ts', memoryMb: 256, timeoutSeconds: 10 },
  'team-dev': { entry: 'bin/local/dev-routes/team-dev.ts', memoryMb: 256, timeoutSeconds: 30, localOnly: true },
} as const satisfies Record<string, HttpGroupSpec>;

const ADMIN = ['admin'] as const;
const CONFLICT = { 409: problem('Conflicts with what exists (`team-conflict`): taken, in use, or has children') };
const RULE = { 422: problem('Names something that does not exist (`errors[]` points at it)') };

export const TEAM_ROUTES = [
  {
    operationId: 'createDepartment', method: 'POST', path: '/v1/departments', group: 'team', roles: ADMIN, idempotent: true,
    summary: 'Create a department (team) agents belong to and routing targets',
    request: { body: DepartmentInput },
    responses: { 201: { description: 'Created; Location set', schema: DepartmentView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listDepartments', method: 'GET', path: '/v1/departments', group: 'team', roles: STAFF,
    summary: 'The organization\'s departments',
    responses: { 200: { description: 'Departments', schema: DepartmentList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getDepartment', method: 'GET', path: '/v1/departments/{departmentId}', group: 'team', roles: STAFF,
    summary: 'A department',
    request: { params: DepartmentIdParams },
    responses: { 200: { description: 'The department', schema: DepartmentView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateDepartment', method: 'PATCH', path: '/v1/departments/{departmentId}', group: 'team', roles: ADMIN,
    summary: 'Rename or re-tier a department',
    request: { params: DepartmentIdParams, body: DepartmentPatch },
    responses: { 200: { description: 'The department', schema: DepartmentView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'deleteDepartment', method: 'DELETE', path: '/v1/departments/{departmentId}', group: 'team', roles: ADMIN,
    summary: 'Delete a department (rules naming it stop routing)',
    request: { params: DepartmentIdParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getRouting', method: 'GET', path: '/v1/routing', group: 'team', roles: STAFF,
    summary: 'The routing rules, tried in order, and the fallback',
    responses: { 200: { description: 'Routing', schema: RoutingConfig }, ...COMMON_ERRORS },
  },
  {
    operationId: 'putRouting', method: 'PUT', path: '/v1/routing', group: 'team', roles: ADMIN,
    summary: 'Replace the routing rules: the first matching rule routes a new (or reopened unassigned) ticket',
    request: { body: RoutingConfig },
    responses: { 200: { description: 'Routing', schema: RoutingConfig }, ...COMMON_ERRORS, ...RULE },
  },
  {
    operationId: 'getOrganization', method: 'GET', path: '/v1/organization', group: 'team', roles: STAFF,
    summary: 'The caller\'s organization and its settings (agentScope)',
    responses: { 200: { description: 'The organization', schema: OrganizationView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateOrganizationSettings', method: 'PATCH', path: '/v1/organization/settings', group: 'team', roles: ADMIN,
    summary: 'Change settings: `agentScope` all | department | assigned limits what agents see',
    request: { body: OrganizationSettingsPatch },
    responses: { 200: { description: 'The organization', schema: OrganizationView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'setMyAvailability', method: 'PUT', path: '/v1/users/me/availability', group: 'team', roles: STAFF,
    summary: 'Set your availability: only `available` agents are routed tickets',
    request: { body: AvailabilityBody },
    responses: { 200: { description: 'Your directory entry', schema: UserView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'setUserAvailability', method: 'PUT', path: '/v1/users/{userId}/availability', group: 'team', roles: ['admin', 'supervisor'],
    summary: 'An admin or supervisor sets someone\'s availability (also settable as `availability` in the directory entry)',
    request: { params: UserIdParams, body: AvailabilityBody },
    responses: { 200: { description: 'The directory entry', schema: UserView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'addWatcher', method: 'POST', path: '/v1/tickets/{ticketId}/watchers/{userId}', group: 'team', roles: STAFF,
    summary: 'A staff member follows the ticket: its events reach their WebSocket unasked',
    request: { params: WatcherParams },
    responses: { 200: { description: 'The watchers', schema: WatcherList }, ...TICKET_WRITE_ERRORS },
  },
  {
    operationId: 'removeWatcher', method: 'DELETE', path: '/v1/tickets/{ticketId}/watchers/{userId}', group: 'team', roles: STAFF,
    summary: 'Stop following the ticket',
    request: { params: WatcherParams },
    responses: { 200: { description: 'The watchers', schema: WatcherList }, ...TICKET_WRITE_ERRORS },
  },
  {
    operationId: 'createCategory', method: 'POST', path: '/v1/categories', group: 'catalog', roles: ADMIN,
    summary: 'Create a category (two levels: `parentId` names a top-level one)',
    request: { body: CategoryInput },
    responses: { 201: { description: 'Created', schema: CategoryView }, ...COMMON_ERRORS, ...CONFLICT, ...RULE },
  },
  {
    operationId: 'listCategories', method: 'GET', path: '/v1/categories', group: 'catalog', roles: ALL,
    summary: 'The category tree (customers: without archived ones)',
    responses: { 200: { description: 'Categories', schema: CategoryList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getCategory', method: 'GET', path: '/v1/categories/{categoryId}', group: 'catalog', roles: STAFF,
    summary: 'A category with the number of tickets naming it',
    request: { params: CategoryIdParams },
    responses: { 200: { description: 'The category', schema: CategoryView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateCategory', method: 'PATCH', path: '/v1/categories/{categoryId}', group: 'catalog', roles: ADMIN,
    summary: 'Rename or (un)archive a category',
    request: { params: CategoryIdParams, body: CategoryPatch },
    responses: { 200: { description: 'The category', schema: CategoryView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'deleteCategory', method: 'DELETE', path: '/v1/categories/{categoryId}', group: 'catalog', roles: ADMIN,
    summary: 'Delete a category: refused while tickets name it, unless archived',
    request: { params: CategoryIdParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS, ...CONFLICT },
  },
  {
    operationId: 'createCustomField', method: 'POST', path: '/v1/custom-fields', group: 'catalog', roles: ADMIN,
    summary: 'Define a ticket custom field',
    request: { body: CustomFieldInput },
    responses: { 201: { description: 'Created', schema: CustomFieldView }, ...COMMON_ERRORS, ...CONFLICT, ...RULE },
  },
  {
    operationId: 'listCustomFields', method: 'GET', path: '/v1/custom-fields', group: 'catalog', roles: ALL,
    summary: 'Custom field definitions (customers: the ones visible to them)',
    responses: { 200: { description: 'Definitions', schema: CustomFieldList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateCustomField', method: 'PATCH', path: '/v1/custom-fields/{fieldId}', group: 'catalog', roles: ADMIN,
    summary: 'Change a definition (key and type stay)',
    request: { params: CustomFieldIdParams, body: CustomFieldPatch },
    responses: { 200: { description: 'The definition', schema: CustomFieldView }, ...COMMON_ERRORS, ...RULE },
  },
  {
    operationId: 'deleteCustomField', method: 'DELETE', path: '/v1/custom-fields/{fieldId}', group: 'catalog', roles: ADMIN,
    summary: 'Delete a definition',
    request: { params: CustomFieldIdParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'createCannedReply', method: 'POST', path: '/v1/canned-replies', group: 'catalog', roles: STAFF,
    summary: 'Write a canned reply with {{ticket.number}}, {{ticket.subject}}, {{requester.name}}, {{agent.name}}, {{organization.name}}',
    request: { body: CannedReplyInput },
    responses: { 201: { description: 'Created', schema: CannedReplyView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listCannedReplies', method: 'GET', path: '/v1/canned-replies', group: 'catalog', roles: STAFF,
    summary: 'Shared canned replies and your own; `q` searches title, shortcut and body',
    request: { query: CannedReplyQuery },
    responses: { 200: { description: 'Replies', schema: CannedReplyList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getCannedReply', method: 'GET', path: '/v1/canned-replies/{cannedReplyId}', group: 'catalog', roles: STAFF,
    summary: 'A canned reply',
    request: { params: CannedReplyIdParams },
    responses: { 200: { description: 'The reply', schema: CannedReplyView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateCannedReply', method: 'PATCH', path: '/v1/canned-replies/{cannedReplyId}', group: 'catalog', roles: STAFF,
    summary: 'Change a canned reply (its author, or a supervisor for shared ones)',
    request: { params: CannedReplyIdParams, body: CannedReplyPatch },
    responses: { 200: { description: 'The reply', schema: CannedReplyView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'deleteCannedReply', method: 'DELETE', path: '/v1/canned-replies/{cannedReplyId}', group: 'catalog', roles: STAFF,
    summary: 'Delete a canned reply',
    request: { params: CannedReplyIdParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'redeliverDevEvent', method: 'POST', path: '/v1/dev/events/{eventId}/redeliver', group: 'team-dev', roles: STAFF, localOnly: true,
    summary: 'Local runtime only: deliver a past bus event (by its detail id) to its rules\' targets again, as EventBridge may',
    request: { params: RedeliverParams },
    responses: { 202: { description: 'Delivered again' }, ...COMMON_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];

export const TEAM_RULES: readonly EventRuleSpec[] = [
  {
    name: 'ticket-router',
    description: 'Routes new, reopened-unassigned and department-escalated tickets to an agent (or marks them unrouted)',
    detailTypes: ['ticket.created', 'ticket.status.changed', 'ticket.escalated'],
    target: { kind: 'function', entry: 'functions/handlers/events/ticket-router.ts', memoryMb: 512, timeoutSeconds: 30 },
  },
  {
    name: 'agent-load',
    description: 'Keeps each agent\'s count of open assigned tickets from the tickets\' states (idempotent per ticket version)',
    // Every change of assignee or status comes with one of these (a reply that reopens also writes ticket.status.changed).
    detailTypes: ['ticket.created', 'ticket.assigned', 'ticket.status.changed', 'ticket.escalated'],
    target: { kind: 'function', entry: 'functions/handlers/events/agent-load.ts', memoryMb: 256, timeoutSeconds: 30 },
  },
  {
    name: 'category-usage',
    description: 'Counts the tickets naming each category, so a category in use is not deleted',
    detailTypes: ['ticket.created', 'ticket.updated'],
    target: { kind: 'function', entry: 'functions/handlers/events/category-usage.ts', memoryMb: 256, timeoutSeconds: 30 },
  },
];
export const TEAM_QUEUES = {} as const satisfies Record<string, QueueSpec>;

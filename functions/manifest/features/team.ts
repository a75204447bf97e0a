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
import { ALL, COMMON_ERRORS, type ManifestRuleSpec, type HttpGroupSpec, type HttpRouteSpec, type QueueSpec, STAFF, TICKET_WRITE_ERRORS, problem } from '../spec';
import type { QueueName } from '../queue-names';
import { DONE_STATUSES, OPEN_STATUSES } from '../../domain/status-groups';

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

/** A status change across the line between open work and done (resolved, closed, cancelled), either way. */
const OPEN_TO_DONE = { status: { from: [...OPEN_STATUSES], to: [...DONE_STATUSES] } };
const DONE_TO_OPEN = { status: { from: [...DONE_STATUSES], to: [...OPEN_STATUSES] } };

export const TEAM_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'ticket-router',
    description: 'Routes new, reopened-unassigned and department-escalated tickets to an agent (or marks them unrouted)',
    detailTypes: ['ticket.created', 'ticket.status.changed', 'ticket.escalated'],
    // What routingRequest asks for: a new ticket, a reopening, an escalation naming a department
    // (`data.departmentId` is absent otherwise). Whether the ticket is unassigned the handler checks:
    // an unassigned snapshot says `assigneeId: null`, which no template-safe pattern can name.
    detail: {
      $or: [
        { type: ['ticket.created'] },
        { type: ['ticket.status.changed'], changes: DONE_TO_OPEN },
        { type: ['ticket.escalated'], data: { departmentId: [{ exists: true }] } },
      ],
    },
    // A record (taken only for events that ask for routing): a ticket nobody can take is marked
    // unrouted, and run twice it would be marked (and announced) twice.
    target: { kind: 'function', dedupe: 'record', entry: 'functions/handlers/events/ticket-router.ts', memoryMb: 512, timeoutSeconds: 30 },
  },
  {
    name: 'agent-load',
    description: 'Keeps each agent\'s count of open assigned tickets from the tickets\' states (idempotent per ticket version)',
    // Every change of assignee or status comes with one of these (a reply that reopens also writes ticket.status.changed).
    detailTypes: ['ticket.created', 'ticket.assigned', 'ticket.status.changed', 'ticket.escalated'],
    // A counter moves only when the assignee changes or the ticket crosses between open and done
    // (loadStateOf): a status change within open work (new → open) or within done (resolved →
    // closed) moves nothing. An escalation that hands over names the assignee in `changes` (it
    // also writes ticket.assigned); one side of that change is an agent's id, so `exists` holds.
    detail: {
      $or: [
        { type: ['ticket.created', 'ticket.assigned'] },
        { type: ['ticket.status.changed'], changes: OPEN_TO_DONE },
        { type: ['ticket.status.changed'], changes: DONE_TO_OPEN },
        { type: ['ticket.escalated'], changes: { assigneeId: { from: [{ exists: true }] } } },
        { type: ['ticket.escalated'], changes: { assigneeId: { to: [{ exists: true }] } } },
      ],
    },
    // By construction: the load holder's write is guarded by the ticket version it moves to, in the
    // counters' transaction, so a redelivered (or late) event is stale and moves nothing
    // (test/e2e/team-routing.test.ts "keeps load counters right when events are delivered again").
    target: { kind: 'function', dedupe: 'by-construction', entry: 'functions/handlers/events/agent-load.ts', memoryMb: 256, timeoutSeconds: 30 },
  },
  {
    name: 'category-usage',
    description: 'Counts the tickets naming each category, so a category in use is not deleted',
    detailTypes: ['ticket.created', 'ticket.updated'],
    // An update counts only when it changes the category (categoryMoves); one side of that change
    // is a category id, so `exists` holds on it. Whether a new ticket names one the handler checks.
    detail: {
      $or: [
        { type: ['ticket.created'] },
        { changes: { category: { from: [{ exists: true }] } } },
        { changes: { category: { to: [{ exists: true }] } } },
      ],
    },
    // By construction: a marker per event id commits with the counters' ADDs, so a redelivery adds
    // nothing (test/integration/domain/team/routing.test.ts).
    target: { kind: 'function', dedupe: 'by-construction', entry: 'functions/handlers/events/category-usage.ts', memoryMb: 256, timeoutSeconds: 30 },
  },
];
export const TEAM_QUEUES = {} as const satisfies Partial<Record<QueueName, QueueSpec>>;

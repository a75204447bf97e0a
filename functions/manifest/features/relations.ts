import {
  LinkResult, LinkTicketsBody, MergeResult, MergeTicketBody, SplitResult, SplitTicketBody, TicketLinkParams,
} from '../../../schemas/relations';
import { CustomStatusIdParams, CustomStatusInput, CustomStatusList, CustomStatusPatch, CustomStatusView } from '../../../schemas/statuses';
import { TicketIdParams } from '../../../schemas/tickets';
import { COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, STAFF, problem } from '../spec';

/**
 * Workflow, part B (issue 17): merge, split and link tickets; custom statuses. Merges copy whole
 * threads in pages, so their function gets the API's longest timeout.
 */
export const RELATION_GROUPS = {
  'ticket-relations': { entry: 'functions/handlers/http/ticket-relations.ts', memoryMb: 512, timeoutSeconds: 29 },
  statuses: { entry: 'functions/handlers/http/statuses.ts', memoryMb: 256, timeoutSeconds: 10 },
} as const satisfies Record<string, HttpGroupSpec>;

const ADMIN = ['admin'] as const;
const RELATION_ERRORS = {
  ...COMMON_ERRORS,
  409: problem('`merge-conflict`: the source was merged already, or the target is closed, cancelled or merged'),
  412: problem('The tickets kept changing; retry'),
  422: problem('Breaks a rule (into itself, a message not on the ticket, too many links): `errors[]` points at it'),
};

export const RELATION_ROUTES = [
  {
    operationId: 'mergeTicket', method: 'POST', path: '/v1/tickets/{ticketId}/merge', group: 'ticket-relations', roles: STAFF,
    summary: 'Merge this ticket into another: its thread is copied there, it closes with mergedInto, later mail lands on the target',
    request: { params: TicketIdParams, body: MergeTicketBody },
    responses: { 200: { description: 'Both tickets after the merge', schema: MergeResult }, ...RELATION_ERRORS },
  },
  {
    operationId: 'splitTicket', method: 'POST', path: '/v1/tickets/{ticketId}/split', group: 'ticket-relations', roles: STAFF, idempotent: true,
    summary: 'Open a new ticket from some of this ticket\'s messages (copied), linked as its child',
    request: { params: TicketIdParams, body: SplitTicketBody },
    responses: { 201: { description: 'The new ticket and the source; Location set', schema: SplitResult }, ...RELATION_ERRORS },
  },
  {
    operationId: 'linkTickets', method: 'POST', path: '/v1/tickets/{ticketId}/links/{otherTicketId}', group: 'ticket-relations', roles: STAFF,
    summary: 'Link two tickets (related, duplicate, parent, child); both record it',
    request: { params: TicketLinkParams, body: LinkTicketsBody },
    responses: { 200: { description: 'Both tickets', schema: LinkResult }, ...RELATION_ERRORS },
  },
  {
    operationId: 'unlinkTickets', method: 'DELETE', path: '/v1/tickets/{ticketId}/links/{otherTicketId}', group: 'ticket-relations', roles: STAFF,
    summary: 'Remove the link between two tickets (both sides)',
    request: { params: TicketLinkParams },
    responses: { 204: { description: 'Unlinked' }, ...RELATION_ERRORS },
  },
  {
    operationId: 'createCustomStatus', method: 'POST', path: '/v1/statuses', group: 'statuses', roles: ADMIN, idempotent: true,
    summary: 'Create a custom status: a name within one of the fixed statuses (its category)',
    request: { body: CustomStatusInput },
    responses: { 201: { description: 'Created; Location set', schema: CustomStatusView }, ...COMMON_ERRORS, 422: problem('Name taken or too many statuses') },
  },
  {
    operationId: 'listCustomStatuses', method: 'GET', path: '/v1/statuses', group: 'statuses', roles: STAFF,
    summary: 'The organization\'s custom statuses',
    responses: { 200: { description: 'Custom statuses', schema: CustomStatusList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getCustomStatus', method: 'GET', path: '/v1/statuses/{statusId}', group: 'statuses', roles: STAFF,
    summary: 'A custom status',
    request: { params: CustomStatusIdParams },
    responses: { 200: { description: 'The custom status', schema: CustomStatusView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateCustomStatus', method: 'PATCH', path: '/v1/statuses/{statusId}', group: 'statuses', roles: ADMIN,
    summary: 'Rename, relabel for customers or (de)activate a custom status (its category is fixed)',
    request: { params: CustomStatusIdParams, body: CustomStatusPatch },
    responses: { 200: { description: 'The custom status', schema: CustomStatusView }, ...COMMON_ERRORS, 422: problem('Name taken') },
  },
] as const satisfies readonly HttpRouteSpec[];

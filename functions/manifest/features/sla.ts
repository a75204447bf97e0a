import {
  DevScheduleBody, DevSchedules, DevSchedulesQuery, RateTicketBody, SlaPolicyIdParams, SlaPolicyList, SlaPolicyView, TicketRating,
  UpcomingBreachList, UpcomingBreachesQuery,
} from '../../../schemas/sla-api';
import { PauseTicketSlaBody, ResumeTicketSlaBody, SlaPolicyInput } from '../../../schemas/sla-policies';
import { TicketIdParams, TicketView } from '../../../schemas/tickets';
import {
  ALL, COMMON_ERRORS, type ManifestRuleSpec, type HttpGroupSpec, type HttpRouteSpec, type QueueSpec, STAFF, problem,
} from '../spec';
import type { QueueName } from '../queue-names';

/** The sla feature's routes, handler groups, bus rules and queues. */
export const SLA_GROUPS = {
  // A policy change writes the recompute job of its open tickets to the outbox (no queue access needed).
  sla: { entry: 'functions/handlers/http/sla.ts', memoryMb: 512, timeoutSeconds: 10 },
  'sla-dev': { entry: 'bin/local/dev-routes/sla-dev.ts', memoryMb: 256, timeoutSeconds: 10, localOnly: true },
} as const satisfies Record<string, HttpGroupSpec>;

const ADMIN = ['admin'] as const;
const POLICY_ERRORS = {
  ...COMMON_ERRORS,
  400: problem('Invalid policy (overlapping or malformed hours, unknown time zone, targets <= 0, malformed conditions): `errors[]` names each field'),
  409: problem('The policy or the default changed meanwhile (`sla-policy-conflict`), or the organization holds 50 policies (`sla-policy-limit`)'),
};
const HOLD_ERRORS = { ...COMMON_ERRORS, 412: problem('If-Match does not match') };

export const SLA_ROUTES = [
  {
    operationId: 'createSlaPolicy', method: 'POST', path: '/v1/sla-policies', group: 'sla', roles: ADMIN, idempotent: true,
    summary: 'Create an SLA policy; `default: true` makes it the organization\'s default (the old one stops being it)',
    request: { body: SlaPolicyInput },
    responses: { 201: { description: 'Created; Location and ETag set', schema: SlaPolicyView }, ...POLICY_ERRORS },
  },
  {
    operationId: 'listSlaPolicies', method: 'GET', path: '/v1/sla-policies', group: 'sla', roles: STAFF,
    summary: 'The organization\'s SLA policies',
    responses: { 200: { description: 'Policies', schema: SlaPolicyList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getSlaPolicy', method: 'GET', path: '/v1/sla-policies/{policyId}', group: 'sla', roles: STAFF,
    summary: 'An SLA policy',
    request: { params: SlaPolicyIdParams },
    responses: { 200: { description: 'The policy; ETag set', schema: SlaPolicyView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'replaceSlaPolicy', method: 'PUT', path: '/v1/sla-policies/{policyId}', group: 'sla', roles: ADMIN, ifMatch: 'optional',
    summary: 'Replace an SLA policy (name, calendar, targets, default flag)',
    request: { params: SlaPolicyIdParams, body: SlaPolicyInput },
    responses: { 200: { description: 'The policy; new ETag', schema: SlaPolicyView }, ...POLICY_ERRORS, 412: problem('If-Match does not match') },
  },
  {
    operationId: 'deleteSlaPolicy', method: 'DELETE', path: '/v1/sla-policies/{policyId}', group: 'sla', roles: ADMIN,
    summary: 'Delete an SLA policy (deleting the default leaves the product defaults)',
    request: { params: SlaPolicyIdParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listUpcomingBreaches', method: 'GET', path: '/v1/sla/upcoming-breaches', group: 'sla', roles: STAFF,
    summary: 'The organization\'s next SLA breaches, earliest first',
    request: { query: UpcomingBreachesQuery },
    responses: { 200: { description: 'Breaches to come', schema: UpcomingBreachList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'pauseTicketSla', method: 'POST', path: '/v1/tickets/{ticketId}/sla/pause', group: 'sla', roles: STAFF, ifMatch: 'optional',
    summary: 'Staff hold the ticket\'s SLA clock with a reason; a status change does not resume it',
    request: { params: TicketIdParams, body: PauseTicketSlaBody },
    responses: {
      200: { description: 'The new state; new ETag', schema: TicketView }, ...HOLD_ERRORS,
      409: problem('Already held (`sla-already-paused`), or no clock to hold: resolved, closed, cancelled (`sla-clock-stopped`)'),
    },
  },
  {
    operationId: 'resumeTicketSla', method: 'POST', path: '/v1/tickets/{ticketId}/sla/resume', group: 'sla', roles: STAFF, ifMatch: 'optional',
    summary: 'Release the staff hold; the due times move by the business time held (a waiting status keeps its own pause)',
    request: { params: TicketIdParams, body: ResumeTicketSlaBody },
    responses: {
      200: { description: 'The new state; new ETag', schema: TicketView }, ...HOLD_ERRORS,
      409: problem('Not held by staff (`sla-not-paused`)'),
    },
  },
  {
    operationId: 'rateTicket', method: 'POST', path: '/v1/tickets/{ticketId}/rating', group: 'sla', roles: ALL,
    summary: 'The requester rates a resolved or closed ticket (1-5 and a comment), once',
    request: { params: TicketIdParams, body: RateTicketBody },
    responses: {
      201: { description: 'The rating', schema: TicketRating }, ...COMMON_ERRORS,
      409: problem('Already rated (`already-rated`)'), 422: problem('The ticket is not resolved or closed'),
    },
  },
  {
    operationId: 'listDevSchedules', method: 'GET', path: '/v1/dev/schedules', group: 'sla-dev', roles: ALL, localOnly: true,
    summary: 'Local runtime only: pending one-time schedules and the scheduler\'s call counters',
    request: { query: DevSchedulesQuery },
    responses: { 200: { description: 'Schedules', schema: DevSchedules }, ...COMMON_ERRORS },
  },
  {
    operationId: 'createDevSchedule', method: 'POST', path: '/v1/dev/schedules', group: 'sla-dev', roles: STAFF, localOnly: true,
    summary: 'Local runtime only: schedule a raw timer (e.g. a stale one) in the caller\'s organization',
    request: { body: DevScheduleBody },
    responses: { 202: { description: 'Scheduled' }, ...COMMON_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];

export const SLA_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'sla-planner',
    description: 'Keeps one one-time schedule per pending SLA deadline and lifecycle timer (auto-close, survey) of a ticket',
    detailTypes: [
      'ticket.created', 'ticket.updated', 'ticket.status.changed', 'ticket.message.added', 'ticket.sla.warning',
      'ticket.sla.breached', 'ticket.escalated', 'ticket.survey.sent',
    ],
    // Not `ticket.closed`: it commits with a `ticket.status.changed` to closed, and the planner
    // re-reads the ticket, so that one plans the closed ticket's timers (survey included).
    // No content filter: each of these types can move a deadline or a lifecycle timer, and which
    // fields do (priority, the SLA policy's conditions, status) the planner learns by re-reading.
    // By construction: it plans from the ticket it re-reads, schedules are named by what they are
    // (creating one twice meets ConflictException, deleting a gone one ResourceNotFound: both
    // success), and the live set is guarded by the ticket version (test/e2e/consumer-dedupe.test.ts).
    target: { kind: 'function', dedupe: 'by-construction', entry: 'functions/handlers/events/sla-planner.ts', memoryMb: 512, timeoutSeconds: 30, needs: ['scheduler'] },
  },
  {
    name: 'sla-policy-recompute-jobs',
    description: 'Hands each SLA policy change (an outbox job) to the recompute queue',
    detailTypes: ['job.sla-policy.recompute'],
    target: { kind: 'queue', queue: 'sla-policy-recompute', body: 'job-data' },
  },
];
export const SLA_QUEUES = {
  // One job per policy change; it pages through the org's open tickets, so one at a time and a long visibility.
  'sla-policy-recompute': {
    consumerEntry: 'functions/handlers/sqs/sla-policy-recompute.ts', batchSize: 1, visibilityTimeoutSeconds: 900, maxReceiveCount: 5,
    memoryMb: 512,
  },
} as const satisfies Partial<Record<QueueName, QueueSpec>>;

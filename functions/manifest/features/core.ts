import { AddMessageBody } from '../../../schemas/messages';
import { CreateTicketBody } from '../../../schemas/ticket-create';
import {
  BulkUpdateBody, BulkUpdateResult, EscalateTicketBody, ListTicketsQuery, MessageView,
  TicketDetailView, TicketIdParams, TicketList, TicketNumberParams, TicketView, UpdateTicketBody,
} from '../../../schemas/tickets';
import {
  AdvanceClockBody, DeadLetterList, DevClock, DevEventList, DevEventsQuery, ReplayDeadLettersBody, ReplayDeadLettersResult,
} from '../../../schemas/dev';
import { BulkJobAccepted } from '../../../schemas/bulk-jobs';
import { UpsertUserBody, UserIdParams, UserList, UserView } from '../../../schemas/users';

import { ALL, COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, STAFF, TICKET_WRITE_ERRORS, problem } from '../spec';

/** The ticket core: tickets, messages, bulk changes, the directory, docs and local dev tools. */
export const CORE_GROUPS = {
  tickets: { entry: 'functions/handlers/http/tickets.ts', memoryMb: 512, timeoutSeconds: 10, needs: ['attachments'] },
  'ticket-messages': { entry: 'functions/handlers/http/ticket-messages.ts', memoryMb: 512, timeoutSeconds: 10, needs: ['attachments'] },
  'ticket-bulk': { entry: 'functions/handlers/http/ticket-bulk.ts', memoryMb: 1024, timeoutSeconds: 29 },
  users: { entry: 'functions/handlers/http/users.ts', memoryMb: 256, timeoutSeconds: 10 },
  docs: { entry: 'functions/handlers/http/docs.ts', memoryMb: 256, timeoutSeconds: 10 },
  dev: { entry: 'bin/local/dev-routes/dev.ts', memoryMb: 256, timeoutSeconds: 10, localOnly: true },
} as const satisfies Record<string, HttpGroupSpec>;

export const CORE_ROUTES = [
  {
    operationId: 'createTicket', method: 'POST', path: '/v1/tickets', group: 'tickets', roles: ALL, idempotent: true,
    summary: 'Open a ticket (staff on behalf of a requester, customers for themselves)',
    request: { body: CreateTicketBody },
    responses: { 201: { description: 'Created; Location and ETag set', schema: TicketView }, ...COMMON_ERRORS, 415: problem('Not JSON'), 422: problem('Business rule or Idempotency-Key reused with another body'), 429: problem('A customer opened the organization\'s hourly number of tickets; Retry-After says when to try again') },
  },
  {
    operationId: 'listTickets', method: 'GET', path: '/v1/tickets', group: 'tickets', roles: ALL,
    summary: 'List and filter tickets, newest first, with cursor pagination',
    request: { query: ListTicketsQuery },
    responses: { 200: { description: 'A page', schema: TicketList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getTicket', method: 'GET', path: '/v1/tickets/{ticketId}', group: 'tickets', roles: ALL,
    summary: 'A ticket with its messages and activity',
    request: { params: TicketIdParams },
    responses: { 200: { description: 'The ticket; ETag set', schema: TicketDetailView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getTicketByNumber', method: 'GET', path: '/v1/tickets/by-number/{number}', group: 'tickets', roles: ALL,
    summary: 'A ticket by its human number (TKT-2026-000123)',
    request: { params: TicketNumberParams },
    responses: { 200: { description: 'The ticket; ETag set', schema: TicketDetailView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateTicket', method: 'PATCH', path: '/v1/tickets/{ticketId}', group: 'tickets', roles: STAFF, ifMatch: 'required',
    summary: 'Change fields, status (with resolution) or assignee; If-Match required',
    request: { params: TicketIdParams, body: UpdateTicketBody },
    responses: { 200: { description: 'The new state; new ETag', schema: TicketView }, ...TICKET_WRITE_ERRORS, 428: problem('If-Match missing') },
  },
  {
    operationId: 'escalateTicket', method: 'POST', path: '/v1/tickets/{ticketId}/escalation', group: 'tickets', roles: STAFF, ifMatch: 'optional',
    summary: 'Escalate to a tier (1-3) with a reason',
    request: { params: TicketIdParams, body: EscalateTicketBody },
    responses: { 200: { description: 'The new state; new ETag', schema: TicketView }, ...TICKET_WRITE_ERRORS },
  },
  {
    operationId: 'addMessage', method: 'POST', path: '/v1/tickets/{ticketId}/messages', group: 'ticket-messages', roles: ALL, idempotent: true,
    summary: 'Add a public reply or an internal note (staff only)',
    request: { params: TicketIdParams, body: AddMessageBody },
    responses: { 201: { description: 'The message', schema: MessageView }, ...TICKET_WRITE_ERRORS },
  },
  {
    operationId: 'bulkUpdateTickets', method: 'POST', path: '/v1/tickets/bulk', group: 'ticket-bulk', roles: STAFF,
    summary: 'Change status, priority, assignee or tags, escalate or write to (notify) many tickets: up to 100 ids at once, more or by filter as a job (202)',
    request: { body: BulkUpdateBody },
    responses: {
      200: { description: 'Per-ticket outcome', schema: BulkUpdateResult }, ...COMMON_ERRORS,
      202: { description: 'A job: GET /v1/jobs/{jobId}; `job.progress` frames on your WebSocket', schema: BulkJobAccepted },
    },
  },
  {
    operationId: 'listUsers', method: 'GET', path: '/v1/users', group: 'users', roles: STAFF,
    summary: 'The organization\'s directory',
    responses: { 200: { description: 'Users', schema: UserList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'upsertUser', method: 'PUT', path: '/v1/users/{userId}', group: 'users', roles: ['admin'],
    summary: 'Add or change a directory entry (id = the identity provider subject)',
    request: { params: UserIdParams, body: UpsertUserBody },
    responses: {
      200: { description: 'The user', schema: UserView }, ...COMMON_ERRORS,
      409: problem('Another user of the organization has this email'), 422: problem('An admin demoting or deactivating themselves'),
    },
  },
  {
    operationId: 'getOpenApi', method: 'GET', path: '/v1/openapi.json', group: 'docs', roles: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
    responses: { 200: { description: 'OpenAPI 3.1' } },
  },
  {
    operationId: 'getDevClock', method: 'GET', path: '/v1/dev/clock', group: 'dev', roles: ALL, localOnly: true,
    summary: 'Local runtime only: the clock the runtime runs on',
    responses: { 200: { description: 'Now', schema: DevClock } },
  },
  {
    operationId: 'advanceDevClock', method: 'POST', path: '/v1/dev/clock', group: 'dev', roles: ['admin'], localOnly: true,
    summary: 'Local runtime only: move the clock forward so timers due later fire now (admin: the clock is shared by every organization)',
    request: { body: AdvanceClockBody },
    responses: { 200: { description: 'Now', schema: DevClock }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listDevEvents', method: 'GET', path: '/v1/dev/events', group: 'dev', roles: ALL, localOnly: true,
    summary: 'Local runtime only: the bus events delivered lately (newest last), for tests and debugging',
    request: { query: DevEventsQuery },
    responses: { 200: { description: 'Events', schema: DevEventList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listDevDeadLetters', method: 'GET', path: '/v1/dev/dead-letters', group: 'dev', roles: STAFF, localOnly: true,
    summary: 'Local runtime only: the organization\'s events, queue messages and timers set aside after failing for too long',
    responses: { 200: { description: 'Dead letters', schema: DeadLetterList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'replayDevDeadLetters', method: 'POST', path: '/v1/dev/dead-letters', group: 'dev', roles: ['admin'], localOnly: true,
    summary: 'Local runtime only: put dead letters back to work (events to their rule, messages to their queue, timers due now)',
    request: { body: ReplayDeadLettersBody },
    responses: { 200: { description: 'The ids replayed', schema: ReplayDeadLettersResult }, ...COMMON_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];
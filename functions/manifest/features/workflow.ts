import {
  AutomationIdParams, AutomationInput, AutomationList, AutomationPatch, AutomationTestBody, AutomationTestResult, AutomationView,
} from '../../../schemas/automations';
import { BulkJobAccepted, JobIdParams, JobView } from '../../../schemas/bulk-jobs';
import { SettingsChangeList, SettingsPatch, SettingsView } from '../../../schemas/settings';
import { STAFF, COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, type ManifestRuleSpec, type QueueSpec, problem } from '../spec';
import type { QueueName } from '../queue-names';

/** The workflow feature (issue 17, part A): automation rules and organization settings. */
export const WORKFLOW_GROUPS = {
  automations: { entry: 'functions/handlers/http/automations.ts', memoryMb: 256, timeoutSeconds: 10 },
  settings: { entry: 'functions/handlers/http/settings.ts', memoryMb: 256, timeoutSeconds: 10 },
  jobs: { entry: 'functions/handlers/http/jobs.ts', memoryMb: 256, timeoutSeconds: 10 },
} as const satisfies Record<string, HttpGroupSpec>;

const ADMIN = ['admin'] as const;
const REFERENCE = { 422: problem('An action names a department, agent, canned reply or webhook that does not exist, or the organization has 100 rules') };

export const WORKFLOW_ROUTES = [
  {
    operationId: 'createAutomation', method: 'POST', path: '/v1/automations', group: 'automations', roles: ADMIN,
    summary: 'Create an automation rule: on events, when conditions hold, run actions as the rule',
    request: { body: AutomationInput },
    responses: { 201: { description: 'Created; Location set', schema: AutomationView }, ...COMMON_ERRORS, ...REFERENCE },
  },
  {
    operationId: 'listAutomations', method: 'GET', path: '/v1/automations', group: 'automations', roles: ADMIN,
    summary: 'The organization\'s automation rules, oldest first (the order they run in)',
    responses: { 200: { description: 'Rules', schema: AutomationList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getAutomation', method: 'GET', path: '/v1/automations/{automationId}', group: 'automations', roles: ADMIN,
    summary: 'An automation rule',
    request: { params: AutomationIdParams },
    responses: { 200: { description: 'The rule', schema: AutomationView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateAutomation', method: 'PATCH', path: '/v1/automations/{automationId}', group: 'automations', roles: ADMIN,
    summary: 'Change a rule (name, enabled, on, conditions, actions)',
    request: { params: AutomationIdParams, body: AutomationPatch },
    responses: { 200: { description: 'The rule', schema: AutomationView }, ...COMMON_ERRORS, ...REFERENCE },
  },
  {
    operationId: 'deleteAutomation', method: 'DELETE', path: '/v1/automations/{automationId}', group: 'automations', roles: ADMIN,
    summary: 'Delete a rule',
    request: { params: AutomationIdParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'testAutomation', method: 'POST', path: '/v1/automations/{automationId}/test', group: 'automations', roles: ADMIN,
    summary: 'Dry run: which conditions hold for a ticket now and what each action would do; writes nothing',
    request: { params: AutomationIdParams, body: AutomationTestBody },
    responses: { 200: { description: 'The verdict', schema: AutomationTestResult }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getSettings', method: 'GET', path: '/v1/settings', group: 'settings', roles: ADMIN,
    summary: 'The organization\'s settings with their version (ETag)',
    responses: { 200: { description: 'Settings; ETag set', schema: SettingsView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateSettings', method: 'PATCH', path: '/v1/settings', group: 'settings', roles: ADMIN, ifMatch: 'optional',
    summary: 'Change settings (a merge: objects may be sent in part); versioned and audited. If-Match guards against a lost update',
    request: { body: SettingsPatch },
    responses: {
      200: { description: 'Settings; new ETag', schema: SettingsView }, ...COMMON_ERRORS,
      412: problem('If-Match names an older version (`currentVersion` says which is current)'),
    },
  },
  {
    operationId: 'getJob', method: 'GET', path: '/v1/jobs/{jobId}', group: 'jobs', roles: STAFF,
    summary: 'A bulk job: status, progress and each ticket\'s outcome',
    request: { params: JobIdParams },
    responses: { 200: { description: 'The job', schema: JobView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listSettingsChanges', method: 'GET', path: '/v1/settings/history', group: 'settings', roles: ADMIN,
    summary: 'The audit trail of settings changes, newest first (the last 50): who, when, each setting from/to',
    responses: { 200: { description: 'Changes', schema: SettingsChangeList }, ...COMMON_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];

export const WORKFLOW_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'automations',
    description: 'Runs the organization\'s automation rules on the ticket events they name (once per event and rule; never on a chain the rule caused)',
    detailTypes: '*',
    // No content filter: a rule's `on` may name any ticket event type (schemas/automations.ts), and
    // with time-based rules every change re-plans the ticket's automation timer.
    // By construction: each rule's writes carry a marker for (rule, step, event id) in their own
    // transaction, and the timer plan is the SLA planner's, idempotent by schedule name
    // (test/e2e/workflow-automations.test.ts "a redelivered event does nothing twice").
    target: { kind: 'function', dedupe: 'by-construction', entry: 'functions/handlers/events/automations.ts', memoryMb: 512, timeoutSeconds: 60, needs: ['scheduler'] },
  },
  {
    name: 'bulk-jobs',
    description: 'Hands each bulk job (an outbox job) to the bulk worker\'s queue',
    detailTypes: ['job.tickets.bulk'],
    target: { kind: 'queue', queue: 'bulk-jobs', body: 'job-data' },
  },
];

/** A job is worked through in one receive, page by page, saving its place: a redelivery resumes there. */
export const WORKFLOW_QUEUES = {
  'bulk-jobs': {
    consumerEntry: 'functions/handlers/sqs/bulk-jobs.ts', batchSize: 1, visibilityTimeoutSeconds: 900, maxReceiveCount: 5,
    memoryMb: 1024, needs: ['websocket-post'],
  },
} as const satisfies Partial<Record<QueueName, QueueSpec>>;

export { BulkJobAccepted };

import {
  MailboxAddressParams, MailboxList, MailboxView, PutMailboxBody,
  DevOutboxList, DevOutboxQuery, RecoveredMail, SuspendedMailList, SuspendedMailParams, SuspendedMailQuery,
} from '../../../schemas/email';
import {
  MyMailNotificationsBody, NotificationSettings, SurveyBody, SurveyQuery, SurveyResult, UnsubscribeQuery,
} from '../../../schemas/notifications';
import { COMMON_ERRORS, type ManifestRuleSpec, type HttpGroupSpec, type HttpRouteSpec, type QueueSpec, STAFF, problem } from '../spec';
import type { QueueName } from '../queue-names';

/** The email feature's routes, handler groups, bus rules and queues. */
export const EMAIL_GROUPS = {
  'suspended-mail': { entry: 'functions/handlers/http/suspended-mail.ts', memoryMb: 512, timeoutSeconds: 29, needs: ['mail-bucket', 'attachments'] },
  mailboxes: { entry: 'functions/handlers/http/mailboxes.ts', memoryMb: 256, timeoutSeconds: 10 },
  'email-dev': { entry: 'bin/local/dev-routes/email-dev.ts', memoryMb: 256, timeoutSeconds: 10, localOnly: true },
  'mail-public': { entry: 'functions/handlers/http/mail-public.ts', memoryMb: 256, timeoutSeconds: 10, needs: ['link-signing'] },
  'mail-settings': { entry: 'functions/handlers/http/mail-settings.ts', memoryMb: 256, timeoutSeconds: 10 },
} as const satisfies Record<string, HttpGroupSpec>;

export const EMAIL_ROUTES = [
  {
    operationId: 'listSuspendedMail', method: 'GET', path: '/v1/suspended-mail', group: 'suspended-mail', roles: STAFF,
    summary: 'Mail that did not become a ticket (auto-replies, bounces, spam, malformed, loops), newest first',
    request: { query: SuspendedMailQuery },
    responses: { 200: { description: 'A page', schema: SuspendedMailList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'recoverSuspendedMail', method: 'POST', path: '/v1/suspended-mail/{suspendedId}/recover', group: 'suspended-mail', roles: STAFF,
    summary: 'Turn a suspended mail into a ticket (or a reply on the ticket it continues)',
    request: { params: SuspendedMailParams },
    responses: { 201: { description: 'The ticket it went to', schema: RecoveredMail }, ...COMMON_ERRORS, 422: problem('The raw mail cannot be read or names no sender') },
  },
  {
    operationId: 'deleteSuspendedMail', method: 'DELETE', path: '/v1/suspended-mail/{suspendedId}', group: 'suspended-mail', roles: STAFF,
    summary: 'Remove a suspended mail from the list',
    request: { params: SuspendedMailParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listMailboxes', method: 'GET', path: '/v1/mailboxes', group: 'mailboxes', roles: ['admin'],
    summary: 'The organization\'s inbound addresses and their policies',
    responses: { 200: { description: 'Mailboxes', schema: MailboxList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'putMailbox', method: 'PUT', path: '/v1/mailboxes/{address}', group: 'mailboxes', roles: ['admin'],
    summary: 'Add or change an inbound address: spam/DMARC policy, loop limit, templates, primary',
    request: { params: MailboxAddressParams, body: PutMailboxBody },
    responses: {
      200: { description: 'The mailbox', schema: MailboxView }, ...COMMON_ERRORS,
      409: problem('The address belongs to another organization, or primary: false on the primary mailbox'),
    },
  },
  {
    operationId: 'deleteMailbox', method: 'DELETE', path: '/v1/mailboxes/{address}', group: 'mailboxes', roles: ['admin'],
    summary: 'Remove an inbound address; the primary mailbox only when it is the last one (make another primary first)',
    request: { params: MailboxAddressParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS, 409: problem('The mailbox is the primary and others exist') },
  },
  {
    operationId: 'listDevOutbox', method: 'GET', path: '/v1/dev/outbox', group: 'email-dev', roles: STAFF, localOnly: true,
    summary: 'Local runtime only: the mails the caller\'s organization sent (the .eml files of .local/outbox/), oldest first',
    request: { query: DevOutboxQuery },
    responses: { 200: { description: 'Sent mails with their raw MIME', schema: DevOutboxList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getSurveyPage', method: 'GET', path: '/v1/public/survey', group: 'mail-public', roles: 'public',
    summary: 'The satisfaction survey page a survey mail links to (signed token; records nothing by itself)',
    request: { query: SurveyQuery },
    responses: { 200: { description: 'An HTML page with the rating form' }, 400: problem('Malformed query'), 422: problem('The link is not valid or has expired') },
  },
  {
    operationId: 'submitSurvey', method: 'POST', path: '/v1/public/survey', group: 'mail-public', roles: 'public',
    summary: 'Rate a ticket from its survey link, without signing in; a ticket is rated once',
    request: { body: SurveyBody },
    responses: {
      200: { description: 'The rating', schema: SurveyResult }, 400: problem('Malformed body'),
      422: problem('The link is not valid or has expired, the ticket was already rated, or it is not closed'),
    },
  },
  {
    operationId: 'getUnsubscribePage', method: 'GET', path: '/v1/public/unsubscribe', group: 'mail-public', roles: 'public',
    summary: 'The page a survey mail\'s unsubscribe link opens (signed token; changes nothing by itself)',
    request: { query: UnsubscribeQuery },
    responses: { 200: { description: 'An HTML page with an unsubscribe button' }, 400: problem('Malformed query'), 422: problem('The link is not valid or has expired') },
  },
  {
    operationId: 'unsubscribe', method: 'POST', path: '/v1/public/unsubscribe', group: 'mail-public', roles: 'public',
    summary: 'Stop survey mail to the link\'s address (RFC 8058 one-click: List-Unsubscribe-Post)',
    request: { query: UnsubscribeQuery },
    responses: { 200: { description: 'An HTML confirmation' }, 400: problem('Malformed query'), 422: problem('The link is not valid or has expired') },
  },
  {
    operationId: 'getNotificationSettings', method: 'GET', path: '/v1/notification-settings', group: 'mail-settings', roles: ['admin'],
    summary: 'The organization\'s customer mail settings: confirmations of API tickets, surveys',
    responses: { 200: { description: 'The settings', schema: NotificationSettings }, ...COMMON_ERRORS },
  },
  {
    operationId: 'putNotificationSettings', method: 'PUT', path: '/v1/notification-settings', group: 'mail-settings', roles: ['admin'],
    summary: 'Change the organization\'s customer mail settings',
    request: { body: NotificationSettings },
    responses: { 200: { description: 'The settings', schema: NotificationSettings }, ...COMMON_ERRORS },
  },
  {
    operationId: 'putMyMailNotifications', method: 'PUT', path: '/v1/me/mail-notifications', group: 'mail-settings', roles: STAFF,
    summary: 'Choose whether you get mail on assignment and on customer replies to your tickets',
    request: { body: MyMailNotificationsBody },
    responses: { 200: { description: 'The preference', schema: MyMailNotificationsBody }, ...COMMON_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];

export const EMAIL_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'email-notifier',
    description: 'Mail the requester (confirmation, public replies, resolved/closed, auto-close warning, survey) and the agent (assignment, customer reply)',
    detailTypes: ['ticket.created', 'ticket.message.added', 'ticket.status.changed', 'ticket.assigned', 'ticket.survey.sent'],
    // A status change mails only on resolved or closed (notificationKindOf); the rest stays asleep.
    detail: {
      $or: [
        { type: ['ticket.created', 'ticket.message.added', 'ticket.assigned', 'ticket.survey.sent'] },
        { type: ['ticket.status.changed'], changes: { status: { to: ['resolved', 'closed'] } } },
      ],
    },
    // A record: a mail sent twice cannot be taken back, and nothing else guards the send.
    target: { kind: 'function', dedupe: 'record', entry: 'functions/handlers/events/email-notifier.ts', memoryMb: 512, timeoutSeconds: 30, needs: ['mail-send', 'link-signing', 'public-urls'] },
  },
];

export const EMAIL_QUEUES = {
  /** SES receipt notifications (S3 action → SNS → SQS, raw delivery off). */
  'email-inbound': {
    consumerEntry: 'functions/handlers/sqs/email-inbound.ts',
    batchSize: 5,
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 5,
    memoryMb: 1024,
    needs: ['mail-bucket', 'attachments'],
  },
} as const satisfies Partial<Record<QueueName, QueueSpec>>;

import {
  ArticleIdParams, ArticleInput, ArticleList, ArticleListQuery, ArticlePatch, ArticleVersionList, ArticleView, AssistSettings,
  AssistSuggestBody, AssistSuggestion, DeflectionBody, DeflectionQuery, DeflectionStats, KbSearchQuery, KbSearchResult,
  PublicArticleParams, PublicArticleView, ReplySuggestions,
} from '../../../schemas/kb';
import { OrgSlugParams } from '../../../schemas/intake';
import { TicketIdParams } from '../../../schemas/tickets';
import { ALL, COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, type ManifestRuleSpec, type QueueSpec, STAFF, problem } from '../spec';
import type { QueueName } from '../queue-names';

/**
 * Knowledge base and assist (issue 19): articles with versions, ranked search from a per-org
 * index in the object store, the offline assistant (learns from resolved tickets) or a hosted
 * model on Bedrock, reply drafts, and the web form's article suggestions and deflections.
 */
export const KB_GROUPS = {
  // Search reads the organization's index from the object store (the mail bucket in AWS).
  kb: { entry: 'functions/handlers/http/kb.ts', memoryMb: 512, timeoutSeconds: 10, needs: ['mail-bucket'] },
  'kb-public': { entry: 'functions/handlers/http/kb-public.ts', memoryMb: 512, timeoutSeconds: 10, needs: ['mail-bucket'] },
  assist: { entry: 'functions/handlers/http/assist.ts', memoryMb: 512, timeoutSeconds: 29, needs: ['mail-bucket', 'bedrock'] },
} as const satisfies Record<string, HttpGroupSpec>;

const ADMIN = ['admin'] as const;
const RULE = { 422: problem('Names a category that does not exist') };
const PUBLIC_ERRORS = { 400: COMMON_ERRORS[400], 404: problem('Unknown organization or article') };
const LIMITED = { 429: problem('Too many calls from this IP this hour; Retry-After says when to retry') };

export const KB_ROUTES = [
  {
    operationId: 'createArticle', method: 'POST', path: '/v1/kb/articles', group: 'kb', roles: STAFF, idempotent: true,
    summary: 'Write a knowledge base article (Markdown; draft or published; public or internal)',
    request: { body: ArticleInput },
    responses: { 201: { description: 'Created; Location set', schema: ArticleView }, ...COMMON_ERRORS, ...RULE },
  },
  {
    operationId: 'listArticles', method: 'GET', path: '/v1/kb/articles', group: 'kb', roles: ALL,
    summary: 'The organization\'s articles, newest change first (customers: published public ones)',
    request: { query: ArticleListQuery },
    responses: { 200: { description: 'Articles', schema: ArticleList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getArticle', method: 'GET', path: '/v1/kb/articles/{articleId}', group: 'kb', roles: ALL,
    summary: 'An article with its rendered, sanitised HTML (customers: published public ones)',
    request: { params: ArticleIdParams },
    responses: { 200: { description: 'The article; ETag is its version', schema: ArticleView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateArticle', method: 'PATCH', path: '/v1/kb/articles/{articleId}', group: 'kb', roles: STAFF, ifMatch: 'optional',
    summary: 'Change an article: a new version is kept; the search index is rebuilt',
    request: { params: ArticleIdParams, body: ArticlePatch },
    responses: { 200: { description: 'The article', schema: ArticleView }, ...COMMON_ERRORS, 412: problem('If-Match names an older version'), ...RULE },
  },
  {
    operationId: 'deleteArticle', method: 'DELETE', path: '/v1/kb/articles/{articleId}', group: 'kb', roles: ADMIN,
    summary: 'Delete an article (admins); its versions stay as history',
    request: { params: ArticleIdParams },
    responses: { 204: { description: 'Deleted' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listArticleVersions', method: 'GET', path: '/v1/kb/articles/{articleId}/versions', group: 'kb', roles: STAFF,
    summary: 'An article\'s saved versions, newest first',
    request: { params: ArticleIdParams },
    responses: { 200: { description: 'Versions', schema: ArticleVersionList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'searchKb', method: 'GET', path: '/v1/kb/search', group: 'kb', roles: ALL,
    summary: 'Ranked full-text search (BM25, stemmed) of published articles: staff see internal ones too, customers public ones',
    request: { query: KbSearchQuery },
    responses: { 200: { description: 'Hits, best first', schema: KbSearchResult }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getDeflections', method: 'GET', path: '/v1/kb/deflections', group: 'kb', roles: STAFF,
    summary: 'Web form deflections per day: a customer opened a suggested article and left without submitting',
    request: { query: DeflectionQuery },
    responses: { 200: { description: 'Counts per UTC day', schema: DeflectionStats }, ...COMMON_ERRORS },
  },
  {
    operationId: 'publicSearchKb', method: 'GET', path: '/v1/public/orgs/{slug}/kb/search', group: 'kb-public', roles: 'public', cors: 'public',
    summary: 'Search an organization\'s published public articles (no login; rate limited per IP)',
    request: { params: OrgSlugParams, query: KbSearchQuery },
    responses: { 200: { description: 'Hits, best first', schema: KbSearchResult }, ...PUBLIC_ERRORS, ...LIMITED },
  },
  {
    operationId: 'publicGetArticle', method: 'GET', path: '/v1/public/orgs/{slug}/kb/articles/{articleId}', group: 'kb-public', roles: 'public', cors: 'public',
    summary: 'A published public article, rendered (no login)',
    request: { params: PublicArticleParams },
    responses: { 200: { description: 'The article', schema: PublicArticleView }, ...PUBLIC_ERRORS },
  },
  {
    operationId: 'recordDeflection', method: 'POST', path: '/v1/public/orgs/{slug}/kb/deflections', group: 'kb-public', roles: 'public', cors: 'public',
    summary: 'The web form reports that a customer read this article and left without submitting',
    request: { params: OrgSlugParams, body: DeflectionBody },
    responses: { 202: { description: 'Counted' }, ...PUBLIC_ERRORS, 415: problem('Not JSON'), ...LIMITED },
  },
  {
    operationId: 'suggestAssist', method: 'POST', path: '/v1/assist/suggest', group: 'assist', roles: STAFF,
    summary: 'What the assistant suggests for a ticket text: category, priority, sentiment, articles, language',
    request: { body: AssistSuggestBody },
    responses: { 200: { description: 'The suggestion', schema: AssistSuggestion }, ...COMMON_ERRORS, 415: problem('Not JSON') },
  },
  {
    operationId: 'getAssistSettings', method: 'GET', path: '/v1/assist/settings', group: 'assist', roles: STAFF,
    summary: 'The assistant\'s settings: provider (offline | bedrock), modelId, autoApply, threshold',
    responses: { 200: { description: 'Settings', schema: AssistSettings }, ...COMMON_ERRORS },
  },
  {
    operationId: 'putAssistSettings', method: 'PUT', path: '/v1/assist/settings', group: 'assist', roles: ADMIN,
    summary: 'Choose the assistant (offline, or a Bedrock model) and whether it applies category and priority itself',
    request: { body: AssistSettings },
    responses: { 200: { description: 'Settings', schema: AssistSettings }, ...COMMON_ERRORS, 415: problem('Not JSON') },
  },
  {
    operationId: 'suggestReplies', method: 'POST', path: '/v1/tickets/{ticketId}/reply-suggestions', group: 'assist', roles: STAFF,
    summary: 'Up to three reply drafts from canned replies and public articles (and the hosted model), with their sources',
    request: { params: TicketIdParams },
    responses: { 200: { description: 'Drafts, best first', schema: ReplySuggestions }, ...COMMON_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];

export const KB_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'kb-reindex-jobs',
    description: 'Hands each article change (an outbox job) to the search index queue',
    detailTypes: ['job.kb.reindex'],
    target: { kind: 'queue', queue: 'kb-reindex', body: 'job-data' },
  },
  {
    name: 'assist-learner',
    description: 'Teaches the offline assistant from resolved and closed tickets with a category (once per ticket)',
    // Not `ticket.closed`: every write that closes a ticket writes a status change to closed in the
    // same transaction (plan-ticket-update, close-ticket, fire-timer, merge-tickets), which teaches.
    detailTypes: ['ticket.status.changed'],
    // Only arrivals in resolved or closed teach (isDoneEvent); whether a category is set the handler checks.
    detail: { changes: { status: { to: ['resolved', 'closed'] } } },
    // By construction: a marker per ticket commits with the model's ADDs, so a redelivery (or the
    // close after a resolve) teaches nothing twice (test/integration/domain/assist/learn-and-apply.test.ts).
    target: { kind: 'function', dedupe: 'by-construction', entry: 'functions/handlers/events/assist-learner.ts', memoryMb: 256, timeoutSeconds: 30 },
  },
  {
    name: 'assist-new-ticket',
    description: 'Stores the assistant\'s suggestion on each new ticket and, when the organization says so, applies it',
    detailTypes: ['ticket.created'],
    // By construction: the suggestion is stored again as it was, and an applied change leaves an
    // empty plan behind, so a redelivery writes no new version (test/e2e/consumer-dedupe.test.ts).
    target: { kind: 'function', dedupe: 'by-construction', entry: 'functions/handlers/events/assist-new-ticket.ts', memoryMb: 512, timeoutSeconds: 30, needs: ['mail-bucket', 'bedrock'] },
  },
];

export const KB_QUEUES = {
  // A burst of edits in one organization is one rebuild per batch (the consumer builds each organization once).
  'kb-reindex': {
    consumerEntry: 'functions/handlers/sqs/kb-reindex.ts', batchSize: 10, visibilityTimeoutSeconds: 120, maxReceiveCount: 5,
    memoryMb: 1024, needs: ['mail-bucket'],
  },
} as const satisfies Partial<Record<QueueName, QueueSpec>>;

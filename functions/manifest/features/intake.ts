import { CreateUploadBody, UploadSlotView } from '../../../schemas/attachments';
import { AiToolList, AiToolsQuery, ToolCallsBody, ToolOutputs } from '../../../schemas/ai-tools';
import { CreateTicketFromChatBody } from '../../../schemas/chat';
import {
  OrgSlugParams, PublicMessage, SubmitWebTicketBody, TrackedTicket, TrackingTokenParams, TrackReplyBody, WebFormConfig,
  WebTicketCreated, PutWebFormBody, WebFormSettingsView,
} from '../../../schemas/intake';
import { RateTicketBody } from '../../../schemas/sla-api';
import { TicketView } from '../../../schemas/tickets';
import { ALL, COMMON_ERRORS, type HttpGroupSpec, type HttpRouteSpec, STAFF, problem } from '../spec';

/** Public intake and AI: the web form, tracking pages, the embed script, chat-to-ticket, AI tools, MCP. */
export const INTAKE_GROUPS = {
  'public-intake': { entry: 'functions/handlers/http/public-intake.ts', memoryMb: 512, timeoutSeconds: 10, needs: ['attachments', 'captcha'] },
  embed: { entry: 'functions/handlers/http/embed.ts', memoryMb: 128, timeoutSeconds: 5 },
  'web-form': { entry: 'functions/handlers/http/web-form.ts', memoryMb: 256, timeoutSeconds: 10 },
  'chat-tickets': { entry: 'functions/handlers/http/chat-tickets.ts', memoryMb: 512, timeoutSeconds: 10 },
  'ai-tools': { entry: 'functions/handlers/http/ai-tools.ts', memoryMb: 512, timeoutSeconds: 29 },
  mcp: { entry: 'functions/handlers/http/mcp.ts', memoryMb: 512, timeoutSeconds: 29 },
} as const satisfies Record<string, HttpGroupSpec>;

const PUBLIC_ERRORS = { 400: COMMON_ERRORS[400], 404: problem('Unknown organization or tracking link') };

export const INTAKE_ROUTES = [
  {
    operationId: 'getWebForm', method: 'GET', path: '/v1/public/orgs/{slug}/form', group: 'public-intake', roles: 'public', cors: 'public',
    summary: 'The public form of an organization: branding, categories, visible custom fields, limits, CAPTCHA',
    request: { params: OrgSlugParams },
    responses: { 200: { description: 'The form configuration', schema: WebFormConfig }, ...PUBLIC_ERRORS },
  },
  {
    operationId: 'submitWebTicket', method: 'POST', path: '/v1/public/orgs/{slug}/tickets', group: 'public-intake', roles: 'public', cors: 'public',
    summary: 'Open a ticket from the public form (no login); rate limited per email and per IP',
    request: { params: OrgSlugParams, body: SubmitWebTicketBody },
    responses: {
      201: { description: 'The ticket number and the tracking link (also mailed)', schema: WebTicketCreated },
      ...PUBLIC_ERRORS, 415: problem('Not JSON'), 422: problem('Unknown category or field'),
      429: problem('Too many submissions from this email or IP this hour; Retry-After says when to retry'),
    },
  },
  {
    operationId: 'createPublicUploadSlot', method: 'POST', path: '/v1/public/orgs/{slug}/attachments', group: 'public-intake', roles: 'public', cors: 'public',
    summary: 'Open an upload slot for a file to send with the public form (no login): POST the file with the returned form, then name its id in attachmentIds',
    request: { params: OrgSlugParams, body: CreateUploadBody },
    responses: {
      201: { description: 'The slot and its upload form', schema: UploadSlotView }, ...PUBLIC_ERRORS, 415: problem('Not JSON'),
      422: problem('The file is refused: over the organization\'s size limit, or a program or script'),
      429: problem('Too many uploads from this IP this hour; Retry-After says when to retry'),
    },
  },
  {
    operationId: 'trackTicket', method: 'GET', path: '/v1/public/track/{token}', group: 'public-intake', roles: 'public', cors: 'public',
    summary: 'A ticket by its tracking token: number, subject, status and public messages',
    request: { params: TrackingTokenParams },
    responses: { 200: { description: 'The public view', schema: TrackedTicket }, ...PUBLIC_ERRORS },
  },
  {
    operationId: 'replyByTracking', method: 'POST', path: '/v1/public/track/{token}/messages', group: 'public-intake', roles: 'public', cors: 'public',
    summary: 'The requester replies through the tracking link (counts against the per-IP limit)',
    request: { params: TrackingTokenParams, body: TrackReplyBody },
    responses: {
      201: { description: 'The message', schema: PublicMessage }, ...PUBLIC_ERRORS, 422: problem('The ticket is closed'),
      429: problem('Too many submissions from this IP this hour; Retry-After says when to retry'),
    },
  },
  {
    operationId: 'rateByTracking', method: 'POST', path: '/v1/public/track/{token}/rating', group: 'public-intake', roles: 'public', cors: 'public',
    summary: 'The requester rates a resolved or closed ticket through the tracking link, once',
    request: { params: TrackingTokenParams, body: RateTicketBody },
    responses: { 201: { description: 'The rating' }, ...PUBLIC_ERRORS, 409: problem('Already rated'), 422: problem('Not resolved or closed') },
  },
  {
    operationId: 'getEmbedScript', method: 'GET', path: '/embed/tickets.js', group: 'embed', roles: 'public', cors: 'public',
    summary: 'The embeddable form: <script src=".../embed/tickets.js" data-org="demo"></script>',
    responses: { 200: { description: 'JavaScript' } },
  },
  {
    operationId: 'getTrackingPage', method: 'GET', path: '/track/{token}', group: 'embed', roles: 'public',
    summary: 'The tracking page a trackingUrl opens: status, messages, reply and rating',
    request: { params: TrackingTokenParams },
    responses: { 200: { description: 'HTML' } },
  },
  {
    operationId: 'getWebFormSettings', method: 'GET', path: '/v1/web-form', group: 'web-form', roles: ['admin'],
    summary: 'The organization\'s public form: slug, branding, limits',
    responses: { 200: { description: 'Settings', schema: WebFormSettingsView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'putWebFormSettings', method: 'PUT', path: '/v1/web-form', group: 'web-form', roles: ['admin'],
    summary: 'Set the public form: slug (unique), branding, per-email and per-IP hourly limits, on/off',
    request: { body: PutWebFormBody },
    responses: { 200: { description: 'Settings', schema: WebFormSettingsView }, ...COMMON_ERRORS, 409: problem('The slug belongs to another organization') },
  },
  {
    operationId: 'createTicketFromChat', method: 'POST', path: '/v1/tickets/from-chat', group: 'chat-tickets', roles: STAFF,
    summary: 'Open a ticket from a chat transcript; the same chatId again returns the same ticket',
    request: { body: CreateTicketFromChatBody },
    responses: { 201: { description: 'The ticket (also for a chatId seen before)', schema: TicketView }, ...COMMON_ERRORS, 415: problem('Not JSON') },
  },
  {
    operationId: 'listAiTools', method: 'GET', path: '/v1/ai/tools', group: 'ai-tools', roles: ALL,
    summary: 'OpenAI-style function tools: create_ticket_report and get_ticket_information (include=all adds the MCP tools)',
    request: { query: AiToolsQuery },
    responses: { 200: { description: 'Tools', schema: AiToolList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'runAiToolCalls', method: 'POST', path: '/v1/ai/tool-calls', group: 'ai-tools', roles: ALL,
    summary: 'Run a model\'s tool calls as the caller; every call gets an output, failures included',
    request: { body: ToolCallsBody },
    responses: { 200: { description: 'One output per call, in order', schema: ToolOutputs }, ...COMMON_ERRORS },
  },
  {
    operationId: 'mcpPost', method: 'POST', path: '/v1/mcp', group: 'mcp', roles: ALL,
    summary: 'Model Context Protocol over Streamable HTTP (stateless, JSON responses): the ticket tools',
    responses: { 200: { description: 'JSON-RPC response' }, 202: { description: 'Notification accepted' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'mcpGet', method: 'GET', path: '/v1/mcp', group: 'mcp', roles: ALL,
    summary: 'Model Context Protocol: no server-initiated stream on this stateless server (405)',
    responses: { 405: problem('Use POST') },
  },
  {
    operationId: 'mcpDelete', method: 'DELETE', path: '/v1/mcp', group: 'mcp', roles: ALL,
    summary: 'Model Context Protocol: no sessions to end on this stateless server (405)',
    responses: { 405: problem('Use POST') },
  },
] as const satisfies readonly HttpRouteSpec[];

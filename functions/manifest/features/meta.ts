import { META_CHANNEL_KINDS, ChannelIdParams, ChannelList, ChannelView, CreateChannelBody, DevMetaSendList, DevMetaSendsQuery, UpdateChannelBody } from '../../../schemas/channels';
import { COMMON_ERRORS, type ManifestRuleSpec, type FunctionUrlSpec, type HttpGroupSpec, type HttpRouteSpec, type QueueSpec, STAFF, problem } from '../spec';
import { STAFF_ROLES } from '../../../schemas/roles';

/** WhatsApp and Instagram: channels, Meta's webhooks (Function URLs), the inbound FIFO queue, the sender. */
export const META_GROUPS = {
  channels: { entry: 'functions/handlers/http/channels.ts', memoryMb: 256, timeoutSeconds: 10, needs: ['meta-secrets'] },
  'meta-dev': { entry: 'bin/local/dev-routes/meta-dev.ts', memoryMb: 256, timeoutSeconds: 10, localOnly: true },
} as const satisfies Record<string, HttpGroupSpec>;

const ADMIN = ['admin'] as const;

export const META_ROUTES = [
  {
    operationId: 'createChannel', method: 'POST', path: '/v1/channels', group: 'channels', roles: ADMIN, idempotent: true,
    summary: 'Connect a WhatsApp number or an Instagram account; secrets are stored encrypted and never shown again',
    request: { body: CreateChannelBody },
    responses: { 201: { description: 'Created; Location set', schema: ChannelView }, ...COMMON_ERRORS, 409: problem('The Meta id is already connected (`channel-taken`)') },
  },
  {
    operationId: 'listChannels', method: 'GET', path: '/v1/channels', group: 'channels', roles: ADMIN,
    summary: 'The organization\'s WhatsApp and Instagram channels (never their secrets)',
    responses: { 200: { description: 'Channels', schema: ChannelList }, ...COMMON_ERRORS },
  },
  {
    operationId: 'getChannel', method: 'GET', path: '/v1/channels/{channelId}', group: 'channels', roles: ADMIN,
    summary: 'A channel (without its secrets)',
    request: { params: ChannelIdParams },
    responses: { 200: { description: 'The channel', schema: ChannelView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'updateChannel', method: 'PATCH', path: '/v1/channels/{channelId}', group: 'channels', roles: ADMIN,
    summary: 'Rename a channel, replace its secrets or verify token, or choose what follows resolution',
    request: { params: ChannelIdParams, body: UpdateChannelBody },
    responses: { 200: { description: 'The channel', schema: ChannelView }, ...COMMON_ERRORS },
  },
  {
    operationId: 'deleteChannel', method: 'DELETE', path: '/v1/channels/{channelId}', group: 'channels', roles: ADMIN,
    summary: 'Disconnect a channel; its webhooks are recorded as unrouted from then on',
    request: { params: ChannelIdParams },
    responses: { 204: { description: 'Removed' }, ...COMMON_ERRORS },
  },
  {
    operationId: 'listDevMetaSends', method: 'GET', path: '/v1/dev/meta/sends', group: 'meta-dev', roles: STAFF, localOnly: true,
    summary: 'Local runtime only: what the Graph API stand-in was asked to send, oldest first',
    request: { query: DevMetaSendsQuery },
    responses: { 200: { description: 'Sends', schema: DevMetaSendList }, ...COMMON_ERRORS },
  },
] as const satisfies readonly HttpRouteSpec[];

export const META_RULES: readonly ManifestRuleSpec[] = [
  {
    name: 'meta-sender',
    description: 'Sends agents\' public replies on WhatsApp/Instagram tickets through the Graph API',
    detailTypes: ['ticket.message.added'],
    // Only what sendMetaReply acts on: a public staff reply on a messaging ticket (it checks again).
    detail: { internal: [false], ticket: { channel: [...META_CHANNEL_KINDS] }, data: { authorRole: [...STAFF_ROLES] } },
    // A record: a message sent twice through the Graph API reaches the customer twice.
    target: { kind: 'function', dedupe: 'record', entry: 'functions/handlers/events/meta-sender.ts', memoryMb: 256, timeoutSeconds: 30, needs: ['meta-secrets'] },
  },
];

export const META_QUEUES = {
  // FIFO: one contact's messages in order (group = channel + contact), Meta's retries dropped by id.
  'meta-inbound': {
    consumerEntry: 'functions/handlers/sqs/meta-inbound.ts', batchSize: 10, visibilityTimeoutSeconds: 180, maxReceiveCount: 5,
    memoryMb: 512, fifo: true, needs: ['meta-secrets', 'attachments'],
  },
} as const satisfies Record<string, QueueSpec>;

export const META_FUNCTION_URLS = [
  {
    name: 'meta-whatsapp', localPath: '/webhooks/meta/whatsapp', entry: 'functions/handlers/url/meta-whatsapp.ts',
    description: 'WhatsApp Cloud API webhooks: GET verification, signed POSTs to the inbound queue',
    memoryMb: 512, timeoutSeconds: 10, needs: ['queues', 'meta-secrets'],
  },
  {
    name: 'meta-instagram', localPath: '/webhooks/meta/instagram', entry: 'functions/handlers/url/meta-instagram.ts',
    description: 'Instagram messaging webhooks: GET verification, signed POSTs to the inbound queue',
    memoryMb: 512, timeoutSeconds: 10, needs: ['queues', 'meta-secrets'],
  },
] as const satisfies readonly FunctionUrlSpec[];

import * as z from 'zod';
import { Id } from './common';
import { META_ID_PATTERN } from '../functions/domain/meta/meta-id';

/** The messaging channels Meta carries: a ticket's `channel` is one of these when it came that way. */
export const META_CHANNEL_KINDS = ['whatsapp', 'instagram'] as const;

const Name = z.string().trim().min(1).max(200);
const Secret = z.string().trim().min(1).max(4096);
/** Meta's ids are numeric; test setups use other tokens, so any id-like text is taken. */
const MetaId = z.string().trim().min(1).max(64).regex(META_ID_PATTERN, 'a Meta id (digits, as Meta shows it)');
const AfterResolved = z.enum(['new-ticket', 'reopen']).describe('A message after the ticket is resolved: open a new ticket (default) or reopen it');

const common = {
  name: Name,
  appSecret: Secret.describe('The Meta app secret that signs webhooks (X-Hub-Signature-256); stored encrypted, never returned'),
  accessToken: Secret.describe('A Graph API token for sends and media; stored encrypted, never returned'),
  verifyToken: z.string().min(1).max(256).describe('The token Meta sends in the GET verification handshake'),
  afterResolved: AfterResolved.default('new-ticket'),
};

export const CreateChannelBody = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('whatsapp'), phoneNumberId: MetaId, ...common }),
    z.strictObject({ kind: z.literal('instagram'), accountId: MetaId, ...common }),
  ])
  .meta({ id: 'CreateChannelBody' });
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const UpdateChannelBody = z
  .strictObject({
    name: Name.optional(),
    appSecret: Secret.optional(),
    accessToken: Secret.optional(),
    verifyToken: z.string().min(1).max(256).optional(),
    afterResolved: AfterResolved.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .meta({ id: 'UpdateChannelBody' });
export type UpdateChannelBody = z.infer<typeof UpdateChannelBody>;

export const ChannelIdParams = z.strictObject({ channelId: Id });

/** A channel as an admin sees it: which secrets are set, never the secrets. */
export const ChannelView = z
  .object({
    id: z.string(),
    kind: z.enum(META_CHANNEL_KINDS),
    name: z.string(),
    phoneNumberId: z.string().optional(),
    accountId: z.string().optional(),
    appSecretSet: z.literal(true),
    accessTokenSet: z.literal(true),
    verifyTokenSet: z.literal(true),
    afterResolved: AfterResolved,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Channel' });
export type ChannelView = z.infer<typeof ChannelView>;

export const ChannelList = z.object({ items: z.array(ChannelView) }).meta({ id: 'ChannelList' });

export const DevMetaSendsQuery = z.strictObject({ ticketId: Id.optional() });
export const DevMetaSend = z.object({
  at: z.string(),
  kind: z.enum(META_CHANNEL_KINDS),
  accountId: z.string(),
  to: z.string(),
  metaMessageId: z.string(),
  ticketId: z.string(),
  messageId: z.string(),
  orgId: z.string(),
  request: z.record(z.string(), z.unknown()).describe('The Graph API request body as it would be POSTed'),
}).meta({ id: 'DevMetaSend' });
export type DevMetaSend = z.infer<typeof DevMetaSend>;
export const DevMetaSendList = z.object({ items: z.array(DevMetaSend) }).meta({ id: 'DevMetaSendList' });

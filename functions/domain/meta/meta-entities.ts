import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

const KINDS = ['whatsapp', 'instagram'] as const;

/**
 * A WhatsApp number or Instagram account of an organization. Secrets are ciphertexts of the
 * SecretBox; the verify token is kept only as a hash (it is compared, never shown).
 */
export const metaChannelEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'metaChannel', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        channelId: { type: 'string', required: true, readOnly: true },
        kind: { type: KINDS, required: true, readOnly: true },
        name: { type: 'string', required: true },
        /** phone_number_id (WhatsApp) or the Instagram account id: what a webhook names. */
        externalId: { type: 'string', required: true, readOnly: true },
        appSecret: { type: 'string', required: true },
        accessToken: { type: 'string', required: true },
        verifyTokenHash: { type: 'string', required: true },
        /** What a message after resolution does: open a new ticket (default) or reopen the last one. */
        afterResolved: { type: ['new-ticket', 'reopen'] as const, required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: {
          pk: { field: 'pk', composite: ['orgId'] },
          sk: { field: 'sk', composite: ['channelId'] },
        },
      },
    },
    config,
  );

/**
 * The webhook's way in: Meta's id → the channel, with the app secret's ciphertext copied so a
 * delivery is verified with one read. Created conditionally: one owner per Meta id.
 */
export const metaChannelKeyEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'metaChannelKey', version: '1' },
      attributes: {
        kind: { type: KINDS, required: true, readOnly: true },
        externalId: { type: 'string', required: true, readOnly: true },
        orgId: { type: 'string', required: true },
        channelId: { type: 'string', required: true },
        appSecret: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byExternalId: { pk: { field: 'pk', composite: ['kind', 'externalId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/** Meta's GET handshake names no channel, only the token: hash → channels that use it. */
export const metaVerifyTokenEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'metaVerifyToken', version: '1' },
      attributes: {
        kind: { type: KINDS, required: true, readOnly: true },
        tokenHash: { type: 'string', required: true, readOnly: true },
        orgId: { type: 'string', required: true, readOnly: true },
        channelId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byToken: {
          pk: { field: 'pk', composite: ['kind', 'tokenHash'] },
          sk: { field: 'sk', composite: ['orgId', 'channelId'] },
        },
      },
    },
    config,
  );

/** A customer of a channel and the ticket their messages go to while it is open. */
export const metaContactEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'metaContact', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        channelId: { type: 'string', required: true, readOnly: true },
        contactId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true },
        lastInboundAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byContact: { pk: { field: 'pk', composite: ['orgId', 'channelId', 'contactId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/**
 * A Meta message id already taken in (inbound) or sent (outbound), per channel: inbound ones
 * are created in the message's transaction, so a redelivery has no second effect; outbound
 * ones let a status find the message it is about.
 */
export const metaMessageRefEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'metaMessageRef', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        channelId: { type: 'string', required: true, readOnly: true },
        direction: { type: ['in', 'out'] as const, required: true, readOnly: true },
        metaMessageId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true },
        messageId: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byMetaId: {
          pk: { field: 'pk', composite: ['orgId', 'channelId', 'direction', 'metaMessageId'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    config,
  );

/**
 * What a webhook brought that became no message: deliveries for no configured channel, statuses
 * of messages we never sent, account and template updates, echoes. Kept 30 days.
 */
export const metaRecordEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'metaRecord', version: '1' },
      attributes: {
        /** `org#<orgId>#<channelId>`, or `unrouted#<kind>#<externalId>` when no channel has the id. */
        scope: { type: 'string', required: true, readOnly: true },
        recordId: { type: 'string', required: true, readOnly: true },
        kind: { type: 'string', required: true },
        field: { type: 'string' },
        summary: { type: 'string', required: true },
        at: { type: 'string', required: true },
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byScope: { pk: { field: 'pk', composite: ['scope'] }, sk: { field: 'sk', composite: ['recordId'] } },
      },
    },
    config,
  );

export type MetaChannel = EntityItem<ReturnType<typeof metaChannelEntity>>;
export type MetaContact = EntityItem<ReturnType<typeof metaContactEntity>>;

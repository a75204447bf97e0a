import { createHash } from 'node:crypto';
import type { ChannelView, CreateChannelBody, UpdateChannelBody } from '../../../schemas/channels';
import { NotFoundError } from '../errors';
import type { SecretBox } from '../ports/secret-box';
import type { Deps } from '../store/store';
import { secretContext } from './channel-secrets';
import { ChannelTakenError } from './errors';
import type { MetaChannel } from './meta-entities';

export const verifyTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function toChannelView(channel: MetaChannel): ChannelView {
  return {
    id: channel.channelId,
    kind: channel.kind,
    name: channel.name,
    ...(channel.kind === 'whatsapp' ? { phoneNumberId: channel.externalId } : { accountId: channel.externalId }),
    appSecretSet: true,
    accessTokenSet: true,
    verifyTokenSet: true,
    afterResolved: channel.afterResolved,
    createdAt: channel.createdAt,
    updatedAt: channel.updatedAt,
  };
}

/**
 * Connects a WhatsApp number or Instagram account: the channel, its lookup by Meta id (taken
 * conditionally: one organization per Meta id) and its verify-token hash commit together.
 * @throws ChannelTakenError when the Meta id is already connected.
 */
export async function createChannel(deps: Deps, secrets: SecretBox, orgId: string, input: CreateChannelBody): Promise<MetaChannel> {
  const channelId = deps.newId();
  const now = deps.now().toISOString();
  const externalId = input.kind === 'whatsapp' ? input.phoneNumberId : input.accountId;
  const channel: MetaChannel = {
    orgId, channelId, kind: input.kind, name: input.name, externalId,
    appSecret: await secrets.encrypt(input.appSecret, secretContext(orgId, channelId, 'appSecret')),
    accessToken: await secrets.encrypt(input.accessToken, secretContext(orgId, channelId, 'accessToken')),
    verifyTokenHash: verifyTokenHash(input.verifyToken),
    afterResolved: input.afterResolved,
    createdAt: now,
    updatedAt: now,
  };
  const { canceled } = await deps.store.transaction
    .write(({ metaChannel, metaChannelKey, metaVerifyToken }) => [
      metaChannel.create(channel).commit(),
      metaChannelKey.create({ kind: input.kind, externalId, orgId, channelId, appSecret: channel.appSecret, updatedAt: now }).commit(),
      metaVerifyToken.put({ kind: input.kind, tokenHash: channel.verifyTokenHash, orgId, channelId }).commit(),
    ])
    .go();
  if (canceled) throw new ChannelTakenError(input.kind, externalId);
  return channel;
}

export async function listChannels(deps: Deps, orgId: string): Promise<MetaChannel[]> {
  const { data } = await deps.store.entities.metaChannel.query.byOrg({ orgId }).go({ pages: 'all' });
  return data;
}

/** @throws NotFoundError for another organization's or a removed channel. */
export async function getChannel(deps: Deps, orgId: string, channelId: string): Promise<MetaChannel> {
  const { data } = await deps.store.entities.metaChannel.get({ orgId, channelId }).go({ consistent: true });
  if (!data) throw new NotFoundError('channel', channelId);
  return data;
}

/**
 * Renames a channel, replaces a secret or the verify token, or changes what follows resolution.
 * The lookup item's copy of the app secret changes in the same transaction.
 * @throws NotFoundError
 */
export async function updateChannel(deps: Deps, secrets: SecretBox, orgId: string, channelId: string, input: UpdateChannelBody): Promise<MetaChannel> {
  const current = await getChannel(deps, orgId, channelId);
  const now = deps.now().toISOString();
  const next: MetaChannel = {
    ...current,
    name: input.name ?? current.name,
    afterResolved: input.afterResolved ?? current.afterResolved,
    appSecret: input.appSecret ? await secrets.encrypt(input.appSecret, secretContext(orgId, channelId, 'appSecret')) : current.appSecret,
    accessToken: input.accessToken ? await secrets.encrypt(input.accessToken, secretContext(orgId, channelId, 'accessToken')) : current.accessToken,
    verifyTokenHash: input.verifyToken ? verifyTokenHash(input.verifyToken) : current.verifyTokenHash,
    updatedAt: now,
  };
  const tokenChanged = next.verifyTokenHash !== current.verifyTokenHash;
  const { canceled } = await deps.store.transaction
    .write(({ metaChannel, metaChannelKey, metaVerifyToken }) => [
      metaChannel.patch({ orgId, channelId })
        .set({ name: next.name, afterResolved: next.afterResolved, appSecret: next.appSecret, accessToken: next.accessToken, verifyTokenHash: next.verifyTokenHash, updatedAt: now })
        .where(({ updatedAt }, { eq }) => eq(updatedAt, current.updatedAt))
        .commit(),
      metaChannelKey.patch({ kind: current.kind, externalId: current.externalId }).set({ appSecret: next.appSecret, updatedAt: now }).commit(),
      ...(tokenChanged
        ? [
            metaVerifyToken.delete({ kind: current.kind, tokenHash: current.verifyTokenHash, orgId, channelId }).commit(),
            metaVerifyToken.put({ kind: current.kind, tokenHash: next.verifyTokenHash, orgId, channelId }).commit(),
          ]
        : []),
    ])
    .go();
  if (canceled) throw new NotFoundError('channel', channelId);
  return next;
}

/** Disconnects a channel: webhooks naming its Meta id are recorded as unrouted from now on. @throws NotFoundError */
export async function deleteChannel(deps: Deps, orgId: string, channelId: string): Promise<void> {
  const current = await getChannel(deps, orgId, channelId);
  await deps.store.transaction
    .write(({ metaChannel, metaChannelKey, metaVerifyToken }) => [
      metaChannel.delete({ orgId, channelId }).commit(),
      metaChannelKey.delete({ kind: current.kind, externalId: current.externalId })
        .where(({ channelId: owner }, { eq }) => eq(owner, channelId)).commit(),
      metaVerifyToken.delete({ kind: current.kind, tokenHash: current.verifyTokenHash, orgId, channelId }).commit(),
    ])
    .go();
}

/**
 * Meta's GET handshake: `hub.mode=subscribe` with the verify token of a configured channel of
 * this kind returns the challenge to echo; anything else undefined (403).
 */
export async function verifySubscription(deps: Deps, kind: 'whatsapp' | 'instagram', query: Record<string, string | undefined>): Promise<string | undefined> {
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (query['hub.mode'] !== 'subscribe' || !token || challenge === undefined) return undefined;
  const { data } = await deps.store.entities.metaVerifyToken.query.byToken({ kind, tokenHash: verifyTokenHash(token) }).go({ limit: 1 });
  return data.length ? challenge : undefined;
}

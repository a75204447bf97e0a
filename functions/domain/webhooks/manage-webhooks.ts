import type { CreateWebhookBody, UpdateWebhookBody, WebhookView } from '../../../schemas/webhooks';
import type { Caller } from '../caller';
import { NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import { type Resolver, type WebhookNetworkPolicy, assertWebhookUrlAllowed } from './network-policy';
import { newWebhookSecret, rotateSecrets } from './signing';
import type { StoredSecret, WebhookEndpoint } from './webhook.entities';

export interface UrlCheck {
  policy: WebhookNetworkPolicy;
  resolve?: Resolver;
}

/**
 * Registers an endpoint for the caller's organization and issues its signing secret.
 * @throws WebhookUrlRefusedError when the URL breaks the network policy.
 */
export async function createWebhook(deps: Deps, caller: Caller, body: CreateWebhookBody, check: UrlCheck) {
  await assertWebhookUrlAllowed(body.url, check.policy, check.resolve);
  const now = deps.now().toISOString();
  const secret = newWebhookSecret();
  const endpoint = await deps.store.entities.webhookEndpoint
    .create({
      orgId: caller.orgId, webhookId: `wh_${deps.newId()}`, url: body.url, events: [...body.events],
      ...(body.description ? { description: body.description } : {}),
      enabled: true, secrets: [{ secret, createdAt: now, expiresAt: null }] satisfies StoredSecret[],
      consecutiveFailures: 0, createdAt: now, updatedAt: now,
    })
    .go();
  return { endpoint: endpoint.data as WebhookEndpoint, secret };
}

/** The organization's endpoints, oldest first. */
export async function listWebhooks(deps: Deps, caller: Caller): Promise<WebhookEndpoint[]> {
  const { data } = await deps.store.entities.webhookEndpoint.query.byOrg({ orgId: caller.orgId }).go({ pages: 'all' });
  return data;
}

/** @throws NotFoundError when the organization has no such endpoint. */
export async function getWebhook(deps: Deps, orgId: string, webhookId: string): Promise<WebhookEndpoint> {
  const { data } = await deps.store.entities.webhookEndpoint.get({ orgId, webhookId }).go();
  if (!data) throw new NotFoundError('webhook', webhookId);
  return data;
}

/**
 * Changes url, events, description or enabled. Enabling clears the failure record.
 * @throws NotFoundError, WebhookUrlRefusedError.
 */
export async function updateWebhook(deps: Deps, caller: Caller, webhookId: string, body: UpdateWebhookBody, check: UrlCheck) {
  await getWebhook(deps, caller.orgId, webhookId);
  if (body.url) await assertWebhookUrlAllowed(body.url, check.policy, check.resolve);
  const set: Partial<WebhookEndpoint> = { updatedAt: deps.now().toISOString() };
  if (body.url) set.url = body.url;
  if (body.events) set.events = [...body.events];
  if (body.description) set.description = body.description;
  if (body.enabled !== undefined) set.enabled = body.enabled;
  if (body.enabled) set.consecutiveFailures = 0;
  let update = deps.store.entities.webhookEndpoint.patch({ orgId: caller.orgId, webhookId }).set(set);
  if (body.description === null) update = update.remove(['description']);
  if (body.enabled) update = update.remove(['disabledAt', 'disabledReason']);
  const { data } = await update.go({ response: 'all_new' });
  return data as WebhookEndpoint;
}

/** @throws NotFoundError. Its deliveries expire with their TTL. */
export async function deleteWebhook(deps: Deps, caller: Caller, webhookId: string): Promise<void> {
  await getWebhook(deps, caller.orgId, webhookId);
  await deps.store.entities.webhookEndpoint.delete({ orgId: caller.orgId, webhookId }).go();
}

/**
 * Issues a new secret; the previous one keeps signing (alongside) for 24 h.
 * @throws NotFoundError.
 */
export async function rotateWebhookSecret(deps: Deps, caller: Caller, webhookId: string) {
  const endpoint = await getWebhook(deps, caller.orgId, webhookId);
  const now = deps.now();
  const secret = newWebhookSecret();
  const secrets = rotateSecrets(endpoint.secrets as StoredSecret[], secret, now);
  await deps.store.entities.webhookEndpoint
    .patch({ orgId: caller.orgId, webhookId })
    .set({ secrets, secretRotatedAt: now.toISOString(), updatedAt: now.toISOString() })
    .go();
  return { secret, previousSecretExpiresAt: secrets[1]?.expiresAt ?? null };
}

export function toWebhookView(endpoint: WebhookEndpoint): WebhookView {
  return {
    id: endpoint.webhookId, url: endpoint.url, events: endpoint.events, description: endpoint.description ?? null,
    enabled: endpoint.enabled, disabledReason: endpoint.disabledReason ?? null, disabledAt: endpoint.disabledAt ?? null,
    consecutiveFailures: endpoint.consecutiveFailures ?? 0, secretRotatedAt: endpoint.secretRotatedAt ?? null,
    createdAt: endpoint.createdAt, updatedAt: endpoint.updatedAt,
  };
}

import type { CreateWebhookBody, UpdateWebhookBody } from '../../../schemas/webhooks';
import { config } from '../../config';
import { listDeliveries, replayDelivery, toDeliveryView } from '../../domain/webhooks/deliveries';
import {
  createWebhook, deleteWebhook, getWebhook, listWebhooks, rotateWebhookSecret, toWebhookView, updateWebhook,
} from '../../domain/webhooks/manage-webhooks';
import { networkPolicyFor } from '../../domain/webhooks/network-policy';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

type Params = { webhookId: string };
const urlCheck = () => ({ policy: networkPolicyFor(config().HELPDESK_RUNTIME) });

export const handler = routeGroup('webhooks', {
  createWebhook: async ({ caller, body }: ParsedRequest<CreateWebhookBody>) => {
    const { endpoint, secret } = await createWebhook(deps, caller, body, urlCheck());
    return { status: 201, body: { id: endpoint.webhookId, secret }, headers: { location: `/v1/webhooks/${endpoint.webhookId}` } };
  },

  listWebhooks: async ({ caller }) => ({ status: 200, body: { items: (await listWebhooks(deps, caller)).map(toWebhookView) } }),

  getWebhook: async ({ caller, params }: ParsedRequest<unknown, unknown, Params>) => ({
    status: 200,
    body: toWebhookView(await getWebhook(deps, caller.orgId, params.webhookId)),
  }),

  updateWebhook: async ({ caller, params, body }: ParsedRequest<UpdateWebhookBody, unknown, Params>) => ({
    status: 200,
    body: toWebhookView(await updateWebhook(deps, caller, params.webhookId, body, urlCheck())),
  }),

  deleteWebhook: async ({ caller, params }: ParsedRequest<unknown, unknown, Params>) => {
    await deleteWebhook(deps, caller, params.webhookId);
    return { status: 204 };
  },

  rotateWebhookSecret: async ({ caller, params }: ParsedRequest<unknown, unknown, Params>) => {
    const rotated = await rotateWebhookSecret(deps, caller, params.webhookId);
    return { status: 200, body: { id: params.webhookId, ...rotated } };
  },

  listWebhookDeliveries: async ({ caller, params, query }: ParsedRequest<unknown, { limit: number; cursor?: string }, Params>) => ({
    status: 200,
    body: await listDeliveries(deps, caller, params.webhookId, query),
  }),

  replayWebhookDelivery: async ({ caller, params }: ParsedRequest<unknown, unknown, Params & { deliveryId: string }>) => {
    const { delivery } = await replayDelivery(deps, caller, params.webhookId, params.deliveryId);
    return { status: 202, body: toDeliveryView(delivery, []) };
  },
});

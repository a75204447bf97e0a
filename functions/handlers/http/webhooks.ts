import type { CreateWebhookBody, UpdateWebhookBody } from '../../../schemas/webhooks';
import { listDeliveries, replayDelivery, toDeliveryView } from '../../domain/webhooks/deliveries';
import {
  createWebhook, deleteWebhook, getWebhook, listWebhooks, rotateWebhookSecret, toWebhookView, updateWebhook,
} from '../../domain/webhooks/manage-webhooks';
import { WEBHOOK_ROUTES } from '../../manifest/features/webhooks';
import { routeGroup } from '../kit/http-route';

type Params = { webhookId: string };

export const handler = routeGroup('webhooks', WEBHOOK_ROUTES, {
  createWebhook: async ({ caller, body }, { deps, config }) => {
    const { endpoint, secret } = await createWebhook(deps, caller, body, { policy: config.webhookNetwork });
    return { status: 201, body: { id: endpoint.webhookId, secret }, headers: { location: `/v1/webhooks/${endpoint.webhookId}` } };
  },

  listWebhooks: async ({ caller }, { deps }) => ({ status: 200, body: { items: (await listWebhooks(deps, caller)).map(toWebhookView) } }),

  getWebhook: async ({ caller, params }, { deps }) => ({
    status: 200,
    body: toWebhookView(await getWebhook(deps, caller.orgId, params.webhookId)),
  }),

  updateWebhook: async ({ caller, params, body }, { deps, config }) => ({
    status: 200,
    body: toWebhookView(await updateWebhook(deps, caller, params.webhookId, body, { policy: config.webhookNetwork })),
  }),

  deleteWebhook: async ({ caller, params }, { deps }) => {
    await deleteWebhook(deps, caller, params.webhookId);
    return { status: 204 };
  },

  rotateWebhookSecret: async ({ caller, params }, { deps }) => {
    const rotated = await rotateWebhookSecret(deps, caller, params.webhookId);
    return { status: 200, body: { id: params.webhookId, ...rotated } };
  },

  listWebhookDeliveries: async ({ caller, params, query }, { deps }) => ({
    status: 200,
    body: await listDeliveries(deps, caller, params.webhookId, query),
  }),

  replayWebhookDelivery: async ({ caller, params }, { deps }) => {
    const { delivery } = await replayDelivery(deps, caller, params.webhookId, params.deliveryId);
    return { status: 202, body: toDeliveryView(delivery, []) };
  },
});

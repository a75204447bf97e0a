import { metaWebhook } from './meta-webhook';

/** Function URL: WhatsApp Cloud API webhooks. */
export const handler = metaWebhook('whatsapp');

import { metaWebhook } from './meta-webhook';

/** Function URL: Instagram messaging webhooks. */
export const handler = metaWebhook('instagram');

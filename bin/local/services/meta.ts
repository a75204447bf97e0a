import { FUNCTION_URLS } from '../../../functions/manifest/function-urls';
import type { LocalService } from './service';

/**
 * WhatsApp and Instagram: the gateway serves Meta's webhook Function URLs on the HTTP port; the
 * Graph API stand-in (LocalGraphApi) records sends and serves media. Channels are made over the
 * API (`POST /v1/channels`); nothing is seeded, so no secret is known in advance.
 */
export const metaService: LocalService = {
  name: 'meta',
  start: async ({ httpUrl }) => {
    const urlOf = (name: string) => `${httpUrl}${FUNCTION_URLS.find((spec) => spec.name === name)!.localPath}`;
    const metaWebhookUrls = { whatsapp: urlOf('meta-whatsapp'), instagram: urlOf('meta-instagram') };
    return {
      contract: { metaWebhookUrls },
      banner: [
        `Meta        ${metaWebhookUrls.whatsapp}  ${metaWebhookUrls.instagram}  (signed with the channel's app secret; sends: GET /v1/dev/meta/sends)`,
      ],
      stop: async () => undefined,
    };
  },
};

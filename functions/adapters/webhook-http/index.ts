import { config } from '../../config';
import { networkPolicyFor } from '../../domain/webhooks/network-policy';
import { NodeWebhookPoster } from './node-webhook-poster';
import type { WebhookPoster } from './webhook-http.port';

let chosen: WebhookPoster | undefined;

/** The poster for this runtime: in AWS only https to public addresses; locally anything (a server on this machine). */
export function webhookPoster(): WebhookPoster {
  chosen ??= new NodeWebhookPoster({ policy: networkPolicyFor(config().HELPDESK_RUNTIME) });
  return chosen;
}

import { DomainError } from '../errors';

/** The URL's scheme or destination is not allowed by the network policy (SSRF guard): 400. */
export class WebhookUrlRefusedError extends DomainError {
  readonly code = 'webhook-url-refused';
  readonly title = 'Webhook URL Refused';
  constructor(reason: string) {
    super(`the webhook URL is refused: ${reason}`);
    this.extensions = { errors: [{ pointer: '#/url', detail: reason }] };
  }
}

/** The endpoint is disabled, so nothing can be sent to it until an admin enables it: 409. */
export class WebhookDisabledError extends DomainError {
  readonly code = 'webhook-disabled';
  readonly title = 'Webhook Disabled';
  constructor(webhookId: string) {
    super(`webhook ${webhookId} is disabled; enable it (PATCH {"enabled": true}) before replaying`);
  }
}

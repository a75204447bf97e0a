import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { acceptWebhook } from '../../domain/meta/accept-webhook';
import { verifySubscription } from '../../domain/meta/manage-channels';
import type { MetaChannelKind } from '../../domain/ports/graph-api';
import { logger, metrics } from '../../observability';
import { functionUrl } from '../kit/function-url';
import { PROBLEM_BASE, problemResponse } from '../kit/problems';

/**
 * Meta's webhook for one product, at its Function URL: `GET` is the subscription handshake (the
 * bare challenge, or 403), `POST` a signed delivery (401 unsigned or forged, 400 not a webhook
 * body, else 200 once queued or recorded).
 */
export function metaWebhook(kind: MetaChannelKind) {
  return functionUrl(`meta-${kind}`, async ({ method, headers, query, rawBody }, { deps, ports }) => {
    if (method === 'GET') {
      const challenge = await verifySubscription(deps, kind, query);
      if (challenge === undefined) {
        logger.warn('webhook verification refused');
        return { statusCode: 403, headers: { 'content-type': 'text/plain' }, body: 'Forbidden' };
      }
      return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: challenge };
    }
    if (method !== 'POST') return { statusCode: 405, headers: { allow: 'GET, POST' }, body: '' };
    const verdict = await acceptWebhook(deps, ports, { kind, rawBody, signature: headers['x-hub-signature-256'] });
    if (verdict.status !== 200) {
      metrics.addMetric(verdict.status === 401 ? 'MetaWebhookUnauthorized' : 'MetaWebhookMalformed', MetricUnit.Count, 1);
      logger.warn('webhook refused', { status: verdict.status, reason: verdict.reason });
      return problemResponse({
        type: `${PROBLEM_BASE}/${verdict.status === 401 ? 'invalid-signature' : 'malformed-webhook'}`,
        title: verdict.status === 401 ? 'Invalid Signature' : 'Malformed Webhook',
        status: verdict.status,
        detail: verdict.reason,
      }) as { statusCode: number; headers: Record<string, string>; body: string };
    }
    metrics.addMetric('MetaWebhookQueued', MetricUnit.Count, verdict.queued);
    if (verdict.unrouted) metrics.addMetric('MetaWebhookUnrouted', MetricUnit.Count, verdict.unrouted);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queued: verdict.queued, unrouted: verdict.unrouted }) };
  });
}

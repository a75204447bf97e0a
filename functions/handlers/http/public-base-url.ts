import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from '../../config';
import { headerOf } from './parse-request';

/**
 * Where public links point: `PUBLIC_BASE_URL` when set (a custom domain), else the address the
 * request came in on (API Gateway sets X-Forwarded-Proto; the local gateway does the same).
 */
export function publicBaseUrl(event: APIGatewayProxyEventV2): string {
  const configured = config().PUBLIC_BASE_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const proto = headerOf(event, 'x-forwarded-proto')?.split(',')[0].trim() || 'https';
  return `${proto}://${event.requestContext.domainName}`;
}

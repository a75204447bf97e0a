import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Config } from '../../config';
import { headerOf } from '../kit/parse-request';

/**
 * Where public links point: `publicBaseUrl` when configured (a custom domain), else the address
 * the request came in on (API Gateway sets X-Forwarded-Proto; the local gateway does the same).
 */
export function publicBaseUrl(config: Config, event: APIGatewayProxyEventV2): string {
  if (config.publicBaseUrl) return config.publicBaseUrl.replace(/\/+$/, '');
  const proto = headerOf(event, 'x-forwarded-proto')?.split(',')[0].trim() || 'https';
  return `${proto}://${event.requestContext.domainName}`;
}

import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { logger } from '../../observability';
import { type Runtime, runtime } from '../../runtime';
import { lambdaHandler } from './lambda-handler';
import { problemResponse } from './problems';

/** A Function URL request with its body as the exact bytes the caller sent. */
export interface UrlRequest {
  method: string;
  headers: Record<string, string>;
  query: Record<string, string | undefined>;
  rawBody: Buffer;
  event: LambdaFunctionURLEvent;
}

/** Function URLs answer with at most 6 MB; Meta posts far less. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A Lambda Function URL entry point (no API Gateway, no authorizer: the caller signs). Hands the
 * implementation the raw bytes (base64-decoded when Lambda encoded them), lower-cased headers
 * and the query; an unexpected error is a 500 problem logged in full.
 */
export function functionUrl(name: string, impl: (request: UrlRequest, runtime: Runtime) => Promise<LambdaFunctionURLResult>) {
  return lambdaHandler(async (event: LambdaFunctionURLEvent, _context: Context): Promise<LambdaFunctionURLResult> => {
    logger.appendKeys({ entry: name });
    try {
      const body = event.body ?? '';
      const rawBody = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
      if (rawBody.length > MAX_BODY_BYTES) {
        return problemResponse({ type: 'about:blank', title: 'Content Too Large', status: 413, detail: `the body exceeds ${MAX_BODY_BYTES} bytes` });
      }
      const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']));
      return await impl({ method: String(event.requestContext?.http?.method ?? '').toUpperCase(), headers, query: event.queryStringParameters ?? {}, rawBody, event }, runtime());
    } catch (error) {
      logger.error('function URL request failed', error as Error);
      return problemResponse({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    }
  });
}

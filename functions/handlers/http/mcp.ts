import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { runToolCall } from '../../domain/ai-tools/run-tool-calls';
import { logger } from '../../observability';
import { runtime } from '../../runtime';
import { callerFromClaims } from '../kit/caller-from-claims';
import { lambdaHandler } from '../kit/lambda-handler';
import { MAX_BODY_BYTES } from '../kit/parse-request';
import { problemResponse, toProblem } from '../kit/problems';
import { buildMcpServer } from '../mcp/mcp-server';

/**
 * MCP over Streamable HTTP at /v1/mcp, behind the API's bearer auth. Stateless, with JSON
 * responses instead of SSE streams: each POST is answered whole by one Lambda invocation, and
 * any instance serves any request (no session to pin). The tools run as the token's caller.
 */
export const handler = lambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>(serveMcp);

async function serveMcp(event: APIGatewayProxyEventV2, _context: Context): Promise<APIGatewayProxyResultV2> {
  try {
    const { deps } = runtime();
    const caller = callerFromClaims(event);
    logger.appendKeys({ orgId: caller.orgId, userId: caller.userId, route: 'mcp' });
    if (event.requestContext.http.method !== 'POST') {
      return {
        statusCode: 405,
        headers: { allow: 'POST', 'content-type': 'application/problem+json' },
        body: JSON.stringify({ type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: 'this MCP server is stateless: POST only' }),
      };
    }
    const body = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
      return problemResponse({ type: 'about:blank', title: 'Content Too Large', status: 413, detail: `the body exceeds ${MAX_BODY_BYTES} bytes` });
    }
    const server = buildMcpServer((name, args) => runToolCall(deps, caller, name, args, (error) => logger.error('mcp tool failed', error as Error)));
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      const response = await transport.handleRequest(toRequest(event, body));
      return await toResult(response);
    } finally {
      await server.close();
    }
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error('mcp request failed', error as Error);
    return problemResponse(problem);
  }
}

function toRequest(event: APIGatewayProxyEventV2, body: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name, value);
  const url = `https://${event.requestContext.domainName}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  return new Request(url, { method: 'POST', headers, body });
}

async function toResult(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name] = value; });
  return { statusCode: response.status, headers, body: await response.text() };
}

import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { ZodObject } from 'zod';
import { HTTP_ROUTES, type HttpRouteSpec } from '../functions/manifest/http-routes';

/** OpenAPI 3.1 generated from the route manifest and its zod schemas; nothing written by hand. */
export function openApiDocument(serverUrl = '/') {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of HTTP_ROUTES as readonly HttpRouteSpec[]) {
    const headers = [
      ...(route.ifMatch ? [{ name: 'If-Match', required: route.ifMatch === 'required', description: 'The ETag last read' }] : []),
      ...(route.idempotent ? [{ name: 'Idempotency-Key', required: false, description: 'Retries with the same key and body return the first result (24 h)' }] : []),
    ];
    registry.registerPath({
      operationId: route.operationId,
      method: route.method.toLowerCase() as 'get',
      path: route.path,
      summary: route.summary,
      tags: [route.group],
      security: route.roles === 'public' ? [] : [{ [bearer.name]: [] }],
      description: route.roles === 'public' ? 'Public.' : `Roles: ${route.roles.join(', ')}.`,
      request: {
        params: route.request?.params as ZodObject | undefined,
        query: route.request?.query as ZodObject | undefined,
        body: route.request?.body ? { required: true, content: { 'application/json': { schema: route.request.body } } } : undefined,
      },
      parameters: headers.map((header) => ({ in: 'header' as const, schema: { type: 'string' as const }, ...header })),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.schema
              ? { content: { [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: { schema: response.schema } } }
              : {}),
          },
        ]),
      ),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Helpdesk API', version: '1.0.0', description: 'Serverless customer-support ticketing. Errors are RFC 9457 problem details.' },
    servers: [{ url: serverUrl }],
  });
}

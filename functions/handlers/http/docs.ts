import { openApiDocument } from '../../../schemas/openapi';
import { CORE_ROUTES } from '../../manifest/features/core';
import { routeGroup } from '../kit/http-route';

let document: unknown;

export const handler = routeGroup('docs', CORE_ROUTES, {
  getOpenApi: async () => {
    document ??= openApiDocument();
    return { status: 200, body: document, headers: { 'cache-control': 'public, max-age=300' } };
  },
});

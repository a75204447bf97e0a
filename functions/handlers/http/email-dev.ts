import { localOutbox } from '../../adapters/mail-sender';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

/** Local runtime only (localOnly in the manifest): the outbox folder over HTTP, for tests and debugging. */
export const handler = routeGroup('email-dev', {
  listDevOutbox: async ({ query }: ParsedRequest<unknown, { to?: string }>) => ({
    status: 200,
    body: { items: localOutbox().list({ to: query.to }) },
  }),
});

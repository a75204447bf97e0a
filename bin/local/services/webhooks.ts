import type { LocalService } from './service';

/**
 * The webhooks feature needs no stand-in: the dispatcher POSTs for real. Locally the network
 * policy lets it reach http and private addresses (a server on this machine); in AWS only
 * https to public addresses.
 */
export const webhooksService: LocalService = {
  name: 'webhooks',
  start: async (context) => ({
    banner: [
      `Webhooks: POST ${context.httpUrl}/v1/webhooks (admin) {"url":"http://127.0.0.1:<port>/hook","events":["*"]}; ` +
        'http and local addresses are allowed here only (AWS: https to public hosts).',
    ],
    stop: async () => undefined,
  }),
};

import type { LocalService } from './service';

/** The webhooks feature's local stand-ins. */
export const webhooksService: LocalService = {
  name: 'webhooks',
  start: async () => ({ stop: async () => undefined }),
};

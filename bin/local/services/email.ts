import type { LocalService } from './service';

/** The email feature's local stand-ins. */
export const emailService: LocalService = {
  name: 'email',
  start: async () => ({ stop: async () => undefined }),
};

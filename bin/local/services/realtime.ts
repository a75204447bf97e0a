import type { LocalService } from './service';

/** The realtime feature's local stand-ins. */
export const realtimeService: LocalService = {
  name: 'realtime',
  start: async () => ({ stop: async () => undefined }),
};

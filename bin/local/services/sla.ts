import type { LocalService } from './service';

/** The sla feature's local stand-ins. */
export const slaService: LocalService = {
  name: 'sla',
  start: async () => ({ stop: async () => undefined }),
};

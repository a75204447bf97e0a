import { attachmentsService } from './attachments';
import { emailService } from './email';
import { metaService } from './meta';
import { realtimeService } from './realtime';
import type { LocalService } from './service';
import { slaService } from './sla';
import { webhooksService } from './webhooks';
import { teamService } from './team';

/** Every feature's local stand-ins, started in this order after the gateway and the event pump. */
export const LOCAL_SERVICES: readonly LocalService[] = [slaService, webhooksService, realtimeService, attachmentsService, emailService, teamService, metaService];

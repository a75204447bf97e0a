import { attachmentsService } from './attachments';
import { consoleService } from './console';
import { emailService } from './email';
import { intakeService } from './intake';
import { metaService } from './meta';
import { realtimeService } from './realtime';
import type { LocalService } from './service';
import { slaService } from './sla';
import { webhooksService } from './webhooks';
import { teamService } from './team';
import { kbService } from './kb';

/** Every feature's local stand-ins, started in this order after the gateway and the event pump. */
export const LOCAL_SERVICES: readonly LocalService[] = [
  slaService, webhooksService, realtimeService, attachmentsService, emailService, teamService, intakeService, metaService, kbService, consoleService,
];

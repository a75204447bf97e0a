import type { CreateTicketBody } from '../../../schemas/ticket-create';
import { attachmentViewOf, clearUploads, prepareAttachments } from '../attachments/attach-uploads';
import type { AttachmentStore } from '../ports/attachment-store';
import { DRAFT } from '../attachments/object-keys';
import { type Caller, isStaff } from '../caller';
import { cachedSettings } from '../settings/org-settings';
import type { Deps } from '../store/store';
import { createTicket } from './create-ticket';
import { hourlyWindow } from './creation-quota';
import type { Ticket } from './ticket.entity';

/**
 * A ticket opened through the API. A customer may open at most the organization's
 * `customerTicketsPerHour` (staff are not limited), read through the container's short settings
 * cache: a customer's create costs no settings read, and a changed limit applies in other
 * containers within that cache's 30 s (an hourly limit can wait that long); draft uploads named in `attachmentIds`
 * become the first message's files (its body is the description).
 * @throws what createTicket and prepareAttachments throw, TooManyTicketsError
 */
export async function openTicket(deps: Deps, caller: Caller, input: CreateTicketBody, ports: { attachments?: AttachmentStore } = {}): Promise<Ticket> {
  const { attachmentIds = [], ...fields } = input;
  const quota = isStaff(caller)
    ? undefined
    : hourlyWindow(caller.userId, (await cachedSettings(deps, caller.orgId)).limits.customerTicketsPerHour, deps.now());
  if (attachmentIds.length === 0) return createTicket(deps, caller, fields, 'api', { quota });
  if (!ports.attachments) throw new Error('openTicket with attachmentIds needs the attachment store');
  const ticketId = deps.newId();
  const claims = await prepareAttachments(deps, ports.attachments, caller, attachmentIds, { slotTicketId: DRAFT, ticketId });
  const ticket = await createTicket(deps, caller, fields, 'api', {
    ticketId,
    quota,
    claims,
    firstMessage: { body: fields.description, attachments: claims.map((c) => attachmentViewOf(c.attachment)) },
  });
  await clearUploads(ports.attachments, claims);
  return ticket;
}

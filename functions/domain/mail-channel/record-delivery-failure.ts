import type { DeliveryReport } from '../email';
import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { activityOf } from '../tickets/activities';
import { retryOnConflict } from '../tickets/load-ticket';
import { saveTicketChange } from '../tickets/ticket-writes';

const MAIL_SYSTEM = (orgId: string): Caller => ({ orgId, userId: 'system:mail', email: 'mail@system', name: 'Mail delivery', role: 'agent' });

/**
 * Records on the ticket that our mail to it could not be delivered (`ticket.delivery.failed`,
 * internal). Only the version moves; nothing else of the ticket changes.
 */
export async function recordDeliveryFailure(
  deps: Deps,
  orgId: string,
  ticketId: string,
  report: Pick<DeliveryReport, 'failedRecipients' | 'status' | 'diagnostic'> & { originalMessageId: string; reason: string },
): Promise<boolean> {
  const outcome = await retryOnConflict(async () => {
    const { data: current } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
    if (!current) return false;
    const next = { ...current, version: current.version + 1, updatedAt: deps.now().toISOString() };
    const activity = activityOf(next, 'ticket.delivery.failed', MAIL_SYSTEM(orgId), deps.newId(), {
      data: {
        channel: 'email',
        originalMessageId: report.originalMessageId,
        failedRecipients: report.failedRecipients,
        status: report.status ?? null,
        diagnostic: report.diagnostic?.slice(0, 1000) ?? null,
        reason: report.reason,
      },
    });
    activity.internal = true;
    const saved = await saveTicketChange(deps, current, next, [activity]);
    return saved.ok ? true : ('retry' as const);
  });
  return outcome === true;
}

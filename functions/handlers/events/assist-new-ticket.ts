import { assistNewTicket } from '../../domain/assist/assist-new-ticket';
import { busConsumer } from '../kit/bus-consumer';

/**
 * Bus rule target of `ticket.created`: the assistant's suggestion on the ticket, applied when the
 * organization says so. No idempotency record: a redelivery stores the same suggestion again
 * and finds nothing left to apply.
 */
export const handler = busConsumer({ rule: 'assist-new-ticket', dedupe: 'by-construction' }, async (event, { deps, ports }) => ({
  outcome: await assistNewTicket(deps, ports, event.detail),
}));

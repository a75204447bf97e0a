import type { Context } from 'aws-lambda';
import { assistNewTicket } from '../../domain/assist/assist-new-ticket';
import { logger } from '../../observability';
import { runtime } from '../../runtime';
import type { BusEvent } from '../../../schemas/events';
import { lambdaHandler } from '../kit/lambda-handler';

/** Bus rule target of `ticket.created`: the assistant's suggestion on the ticket, applied when the organization says so. */
export const handler = lambdaHandler(async (event: BusEvent, _context: Context) => {
  const { deps, ports } = runtime();
  logger.appendKeys({ orgId: event.detail.orgId, ticketId: event.detail.ticketId });
  return { outcome: await assistNewTicket(deps, ports, event.detail) };
});

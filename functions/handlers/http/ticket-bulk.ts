import type { BulkUpdateBody } from '../../../schemas/tickets';
import { bulkUpdateTickets } from '../../domain/tickets/bulk-update-tickets';
import { toTicketView } from '../../domain/tickets/ticket-view';
import { routeGroup } from '../kit/http-route';
import { toProblem } from '../kit/problems';

export const handler = routeGroup('ticket-bulk', {
  bulkUpdateTickets: async ({ caller, body }, { deps }) => {
    const outcomes = await bulkUpdateTickets(deps, caller, body);
    const results = outcomes.map((outcome) => {
      if (outcome.ok) return { ticketId: outcome.ticketId, status: 200, ticket: toTicketView(outcome.ticket, caller) };
      const problem = toProblem(outcome.error);
      return { ticketId: outcome.ticketId, status: problem.status, problem };
    });
    const succeeded = results.filter((result) => result.status === 200).length;
    return { status: 200, body: { succeeded, failed: results.length - succeeded, results } };
  },
});

import { BULK_SYNC_MAX } from '../../../schemas/tickets';
import { startBulkJob } from '../../domain/tickets/bulk-jobs';
import { bulkUpdateTickets } from '../../domain/tickets/bulk-update-tickets';
import { toTicketView } from '../../domain/tickets/ticket-view';
import { CORE_ROUTES } from '../../manifest/features/core';
import { routeGroup } from '../kit/http-route';
import { toProblem } from '../kit/problems';

export const handler = routeGroup('ticket-bulk', CORE_ROUTES, {
  bulkUpdateTickets: async ({ caller, body }, { deps }) => {
    // More than a request should hold, or a filter: a job the bulk worker pages through.
    if (!body.ticketIds || body.ticketIds.length > BULK_SYNC_MAX) {
      const job = await startBulkJob(deps, caller, body);
      return { status: 202, body: { jobId: job.jobId, href: `/v1/jobs/${job.jobId}` }, headers: { location: `/v1/jobs/${job.jobId}` } };
    }
    const outcomes = await bulkUpdateTickets(deps, caller, { ticketIds: body.ticketIds, changes: body.changes });
    const results = outcomes.map((outcome) => {
      if (outcome.ok) return { ticketId: outcome.ticketId, status: 200, ticket: toTicketView(outcome.ticket, caller) };
      const problem = toProblem(outcome.error);
      return { ticketId: outcome.ticketId, status: problem.status, problem };
    });
    const succeeded = results.filter((result) => result.status === 200).length;
    return { status: 200, body: { succeeded, failed: results.length - succeeded, results } };
  },
});

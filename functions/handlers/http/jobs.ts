import { getBulkJob } from '../../domain/tickets/bulk-jobs';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('jobs', {
  getJob: async ({ caller, params }, { deps }) => ({ status: 200, body: await getBulkJob(deps, caller, params.jobId) }),
});

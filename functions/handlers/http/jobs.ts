import { getBulkJob } from '../../domain/tickets/bulk-jobs';
import { WORKFLOW_ROUTES } from '../../manifest/features/workflow';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('jobs', WORKFLOW_ROUTES, {
  getJob: async ({ caller, params }, { deps }) => ({ status: 200, body: await getBulkJob(deps, caller, params.jobId) }),
});

import { statsBreakdown, statsOverview, statsTimeseries } from '../../domain/analytics/stats-query';
import { ANALYTICS_ROUTES } from '../../manifest/features/analytics';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('stats', ANALYTICS_ROUTES, {
  getStatsOverview: async ({ caller, query }, { deps }) => ({ status: 200, body: await statsOverview(deps, caller, query) }),
  getStatsTimeseries: async ({ caller, query }, { deps }) => ({ status: 200, body: await statsTimeseries(deps, caller, query) }),
  getStatsAgents: async ({ caller, query }, { deps }) => ({ status: 200, body: await statsBreakdown(deps, caller, 'agent', query) }),
  getStatsDepartments: async ({ caller, query }, { deps }) => ({ status: 200, body: await statsBreakdown(deps, caller, 'department', query) }),
  getStatsChannels: async ({ caller, query }, { deps }) => ({ status: 200, body: await statsBreakdown(deps, caller, 'channel', query) }),
  getStatsCategories: async ({ caller, query }, { deps }) => ({ status: 200, body: await statsBreakdown(deps, caller, 'category', query) }),
});

import { getExport, requestExport } from '../../domain/analytics/exports';
import { ANALYTICS_ROUTES } from '../../manifest/features/analytics';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('exports', ANALYTICS_ROUTES, {
  createExport: async ({ caller, body }, { deps }) => {
    const accepted = await requestExport(deps, caller, body);
    return { status: 202, body: accepted, headers: { location: `/v1/exports/${accepted.exportId}` } };
  },
  getExport: async ({ caller, params }, { deps, ports }) => ({ status: 200, body: await getExport(deps, ports.attachments, caller, params.exportId) }),
  createPrivacyExport: async ({ caller, body }, { deps }) => {
    const accepted = await requestExport(deps, caller, { kind: 'privacy', email: body.email });
    return { status: 202, body: accepted, headers: { location: `/v1/exports/${accepted.exportId}` } };
  },
});

import { getSettings, listSettingsChanges, updateSettings } from '../../domain/settings/org-settings';
import { WORKFLOW_ROUTES } from '../../manifest/features/workflow';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('settings', WORKFLOW_ROUTES, {
  getSettings: async ({ caller }, { deps }) => {
    const view = await getSettings(deps, caller);
    return { status: 200, body: view, headers: { etag: `"${view.version}"` } };
  },
  updateSettings: async ({ caller, body, ifMatchVersion }, { deps }) => {
    const view = await updateSettings(deps, caller, body, ifMatchVersion);
    return { status: 200, body: view, headers: { etag: `"${view.version}"` } };
  },
  listSettingsChanges: async ({ caller }, { deps }) => ({ status: 200, body: { items: await listSettingsChanges(deps, caller) } }),
});

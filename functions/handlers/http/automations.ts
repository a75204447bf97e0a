import {
  createAutomation, deleteAutomation, getAutomation, listAutomations, toAutomationView, updateAutomation,
} from '../../domain/automations/automation-rules';
import { dryRunAutomation } from '../../domain/automations/dry-run-automation';
import { WORKFLOW_ROUTES } from '../../manifest/features/workflow';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('automations', WORKFLOW_ROUTES, {
  createAutomation: async ({ caller, body }, { deps }) => {
    const rule = await createAutomation(deps, caller, body);
    return { status: 201, body: toAutomationView(rule), headers: { location: `/v1/automations/${rule.ruleId}` } };
  },
  listAutomations: async ({ caller }, { deps }) => ({ status: 200, body: { items: (await listAutomations(deps, caller)).map(toAutomationView) } }),
  getAutomation: async ({ caller, params }, { deps }) => ({ status: 200, body: toAutomationView(await getAutomation(deps, caller, params.automationId)) }),
  updateAutomation: async ({ caller, params, body }, { deps }) => ({
    status: 200, body: toAutomationView(await updateAutomation(deps, caller, params.automationId, body)),
  }),
  deleteAutomation: async ({ caller, params }, { deps }) => {
    await deleteAutomation(deps, caller, params.automationId);
    return { status: 204 };
  },
  testAutomation: async ({ caller, params, body }, { deps }) => ({
    status: 200, body: await dryRunAutomation(deps, caller, params.automationId, body.ticketId),
  }),
});

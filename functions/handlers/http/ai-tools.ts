import { AI_TOOLS, ASSISTANT_TOOLS, type AiToolName, toolParameters } from '../../../schemas/ai-tools';
import { runToolCalls } from '../../domain/ai-tools/run-tool-calls';
import { logger } from '../../observability';
import { INTAKE_ROUTES } from '../../manifest/features/intake';
import { routeGroup } from '../kit/http-route';

const functionTool = (name: AiToolName) => ({
  type: 'function' as const,
  function: { name, description: AI_TOOLS[name].description, parameters: toolParameters(name) },
});

export const handler = routeGroup('ai-tools', INTAKE_ROUTES, {
  listAiTools: async ({ query }) => {
    const names = query.include === 'all' ? (Object.keys(AI_TOOLS) as AiToolName[]) : ASSISTANT_TOOLS;
    return { status: 200, body: { tools: names.map(functionTool) }, headers: { 'cache-control': 'private, max-age=300' } };
  },

  runAiToolCalls: async ({ caller, body }, { deps }) => {
    const toolOutputs = await runToolCalls(deps, caller, body.toolCalls, (error) => logger.error('tool call failed', error as Error));
    return { status: 200, body: { toolOutputs } };
  },
});

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AI_TOOLS, type AiToolName, toolParameters } from '../../../schemas/ai-tools';

/** Runs one tool by name with the model's arguments; always answers (failures as `success: false`). */
export type ToolRunner = (name: string, args: Record<string, unknown>) => Promise<{ success: boolean } & Record<string, unknown>>;

export const MCP_SERVER_INFO = { name: 'helpdesk', version: '1.0.0' };

/**
 * The helpdesk's MCP server: the four ticket tools with the JSON Schemas generated from the zod
 * argument schemas. Where the tools run is the caller's choice: in the API (Streamable HTTP at
 * /v1/mcp) or through the API over HTTP (`npx helpdesk-mcp` on stdio), so both transports
 * answer alike. A failed call is a tool result with `isError`, never a protocol error.
 */
export function buildMcpServer(run: ToolRunner): Server {
  const server = new Server(MCP_SERVER_INFO, {
    capabilities: { tools: {} },
    instructions: 'Helpdesk tickets: create_ticket_report, get_ticket_information, search_tickets, add_reply. '
      + 'A customer token reaches only that customer\'s tickets; tickets are named by number (TKT-2026-000123).',
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (Object.keys(AI_TOOLS) as AiToolName[]).map((name) => ({
      name,
      description: AI_TOOLS[name].description,
      inputSchema: toolParameters(name) as { type: 'object'; properties?: Record<string, object> },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const output = await run(request.params.name, request.params.arguments ?? {});
    return { content: [{ type: 'text' as const, text: JSON.stringify(output) }], isError: !output.success };
  });
  return server;
}

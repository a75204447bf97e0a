import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { buildMcpServer } from '../../functions/handlers/mcp/mcp-server';
import { apiToolRunner } from './api-tool-runner';
import { readSettings } from './settings';

/** `npx helpdesk-mcp`: the helpdesk's MCP tools on stdio, run through the API with a token. */
let settings;
try {
  settings = readSettings(process.argv.slice(2), process.env, process.cwd());
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const server = buildMcpServer(apiToolRunner(settings.apiUrl, settings.token));
await server.connect(new StdioServerTransport());
// stdout is the protocol: anything for people goes to stderr.
process.stderr.write(`helpdesk-mcp: serving ${settings.apiUrl} (token from ${settings.source})\n`);

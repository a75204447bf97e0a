import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/http-client';

const runtime = inject('runtime');
const agent = api(runtime.tokens.agent);
const ROOT = path.resolve(__dirname, '../..');
const TOOLS = ['create_ticket_report', 'get_ticket_information', 'search_tickets', 'add_reply'];

const outputOf = (result: Awaited<ReturnType<Client['callTool']>>) => {
  const [content] = result.content as { type: string; text: string }[];
  return { isError: result.isError, output: JSON.parse(content.text) };
};

async function overHttp(token: string) {
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${runtime.httpUrl}/v1/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  }));
  return client;
}

/** `npx helpdesk-mcp` itself, or (lighter on a busy machine) the same bin file run by node. */
async function overStdio(args: string[], env: Record<string, string> = {}, via: 'npx' | 'node' = 'node') {
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(new StdioClientTransport({
    command: via, args: via === 'npx' ? ['helpdesk-mcp', ...args] : [path.join(ROOT, 'bin/helpdesk-mcp.mjs'), ...args], cwd: ROOT, stderr: 'pipe',
    env: { ...process.env as Record<string, string>, HELPDESK_URL: '', HELPDESK_TOKEN: '', ...env },
  }));
  return client;
}

/** The same scenario over either transport: list, create, read, search, reply; a customer's reach. */
async function exercise(client: Client, customer: Client) {
  expect((await client.listTools()).tools.map((t) => t.name)).toEqual(TOOLS);
  const schema = (await client.listTools()).tools.find((t) => t.name === 'add_reply')!.inputSchema;
  expect(schema).toMatchObject({ type: 'object', required: ['ticket_id', 'body'] });

  const created = outputOf(await customer.callTool({
    name: 'create_ticket_report', arguments: { subject: 'MCP ticket', description: 'Filed by an assistant', category: 'general_inquiry' },
  }));
  expect(created).toMatchObject({ isError: false, output: { success: true, ticketId: expect.stringMatching(/^TKT-/) } });
  const number = created.output.ticketId as string;

  const reply = outputOf(await client.callTool({ name: 'add_reply', arguments: { ticket_id: number, body: 'An agent answers over MCP' } }));
  expect(reply.output).toMatchObject({ success: true, ticketId: number, status: 'open' });
  const note = outputOf(await client.callTool({ name: 'add_reply', arguments: { ticket_id: number, body: 'note only staff see', internal: true } }));
  expect(note.output).toMatchObject({ success: true, internal: true });

  const info = outputOf(await customer.callTool({ name: 'get_ticket_information', arguments: { ticket_id: number } }));
  expect(info.output.ticket.messages).toEqual([{ from: 'support', body: 'An agent answers over MCP', at: expect.any(String) }]);

  // Every page (cursor): the seeded customer's open tickets include other files', which SLA
  // timers (after any file's clock move) may put ahead of this one in update order.
  const found: string[] = [];
  let cursor: string | undefined;
  do {
    const page = outputOf(await client.callTool({ name: 'search_tickets', arguments: { status: 'open', requester_email: 'carla@example.com', limit: 20, ...(cursor ? { cursor } : {}) } }));
    expect(page.output.success).toBe(true);
    found.push(...page.output.tickets.map((t: { ticketId: string }) => t.ticketId));
    cursor = page.output.nextCursor ?? undefined;
  } while (cursor && !found.includes(number));
  expect(found).toContain(number);

  // A customer reaches only their own tickets; a failed tool is a tool error, not a protocol error.
  const seeded = outputOf(await client.callTool({ name: 'search_tickets', arguments: { requester_email: 'dan@example.com' } }));
  const dansTicket = seeded.output.tickets[0].ticketId as string;
  const refused = outputOf(await customer.callTool({ name: 'get_ticket_information', arguments: { ticket_id: dansTicket } }));
  expect(refused).toMatchObject({ isError: true, output: { success: false, error: expect.stringContaining('does not exist') } });
  const unknown = outputOf(await client.callTool({ name: 'drop_tables', arguments: {} }));
  expect(unknown).toMatchObject({ isError: true, output: { success: false } });
  return number;
}

describe('MCP over Streamable HTTP at /v1/mcp', () => {
  it('serves the four tools to the SDK client as the token\'s caller', async () => {
    const [staff, customer] = await Promise.all([overHttp(runtime.tokens.agent), overHttp(runtime.tokens.customer)]);
    try {
      const number = await exercise(staff, customer);
      expect((await agent.get(`/v1/tickets/by-number/${number}`)).body).toMatchObject({ channel: 'ai', messageCount: 1, noteCount: 1 });
    } finally {
      await Promise.all([staff.close(), customer.close()]);
    }
  });

  it('is behind the same bearer auth, and stateless (GET and DELETE are 405)', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } } };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const anonymous = await fetch(`${runtime.httpUrl}/v1/mcp`, { method: 'POST', headers, body: JSON.stringify(init) });
    expect(anonymous.status).toBe(401);
    const authed = await fetch(`${runtime.httpUrl}/v1/mcp`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${runtime.tokens.customer}` }, body: JSON.stringify(init) });
    expect(authed.status).toBe(200);
    expect(authed.headers.get('mcp-session-id')).toBeNull();
    expect(((await authed.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe('helpdesk');
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${runtime.httpUrl}/v1/mcp`, { method, headers: { authorization: `Bearer ${runtime.tokens.customer}` } });
      expect(res.status).toBe(405);
    }
  });
});

describe('MCP over stdio: npx helpdesk-mcp', () => {
  it('runs the same tools through the API, with URL and token from flags or from runtime.json', async () => {
    const file = path.join(runtime.dataDir, 'runtime.json');
    const [staff, customer] = await Promise.all([
      overStdio(['--url', runtime.httpUrl, '--token', runtime.tokens.agent], {}, 'npx'),
      overStdio(['--runtime', file, '--role', 'customer']),
    ]);
    try {
      await exercise(staff, customer);
    } finally {
      await Promise.all([staff.close(), customer.close()]);
    }
  });

  it('reports a refused token as a tool error naming the API\'s answer', async () => {
    const client = await overStdio([], { HELPDESK_URL: runtime.httpUrl, HELPDESK_TOKEN: 'not-a-token' });
    try {
      const result = outputOf(await client.callTool({ name: 'search_tickets', arguments: {} }));
      expect(result).toMatchObject({ isError: true, output: { success: false, error: expect.stringContaining('401') } });
    } finally {
      await client.close();
    }
  });
});

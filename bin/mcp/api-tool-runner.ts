import type { ToolRunner } from '../../functions/handlers/mcp/mcp-server';

/**
 * Runs tools through the helpdesk API (`POST /v1/ai/tool-calls`) with a bearer token, so the
 * stdio server is a plain API client: the API decides what the token may reach.
 */
export function apiToolRunner(apiUrl: string, token: string, fetcher: typeof fetch = fetch): ToolRunner {
  let seq = 0;
  return async (name, args) => {
    const id = `mcp-${Date.now().toString(36)}-${++seq}`;
    let res: Response;
    try {
      res = await fetcher(`${apiUrl.replace(/\/+$/, '')}/v1/ai/tool-calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ toolCalls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      return { success: false, error: `the helpdesk API at ${apiUrl} cannot be reached: ${(error as Error).message}` };
    }
    const text = await res.text();
    let body: { toolOutputs?: { tool_call_id: string; output: string }[]; detail?: string; title?: string } = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // An answer that is not JSON (a proxy's error page): reported below by status.
    }
    if (res.status !== 200) return { success: false, error: `the helpdesk API answered ${res.status}: ${body.detail ?? body.title ?? text.slice(0, 200)}` };
    const output = body.toolOutputs?.find((o) => o.tool_call_id === id)?.output;
    if (!output) return { success: false, error: 'the helpdesk API returned no output for this call' };
    return JSON.parse(output);
  };
}

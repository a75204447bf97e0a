import type { z } from 'zod';
import { AI_TOOLS, type AiToolName, type ToolCall } from '../../../schemas/ai-tools';
import type { Caller } from '../caller';
import { DomainError } from '../errors';
import type { Deps } from '../store/store';
import { addReply, createTicketReport, getTicketInformation, searchTickets, type ToolSuccess } from './tools';

export type ToolOutput = ToolSuccess | { success: false; error: string };

const RUNNERS: { [N in AiToolName]: (deps: Deps, caller: Caller, args: z.infer<(typeof AI_TOOLS)[N]['args']>) => Promise<ToolSuccess> } = {
  create_ticket_report: createTicketReport,
  get_ticket_information: getTicketInformation,
  search_tickets: searchTickets,
  add_reply: addReply,
};

const isTool = (name: string): name is AiToolName => Object.hasOwn(AI_TOOLS, name);

/**
 * Runs one tool call as `caller` and always answers: bad JSON, unknown tools, invalid
 * arguments, refused access and unexpected failures all become `{ success: false, error }`,
 * so a model gets something to say and the other calls of its batch still run. Customers
 * reach only their own tickets: the tools call the same domain functions as the API.
 */
export async function runToolCall(
  deps: Deps,
  caller: Caller,
  name: string,
  rawArguments: string | Record<string, unknown>,
  onUnexpected: (error: unknown) => void = () => undefined,
): Promise<ToolOutput> {
  if (!isTool(name)) return { success: false, error: `unknown tool ${name}; known: ${Object.keys(AI_TOOLS).join(', ')}` };
  let input: unknown;
  if (typeof rawArguments === 'string') {
    try {
      input = rawArguments.trim() === '' ? {} : JSON.parse(rawArguments);
    } catch {
      return { success: false, error: 'the arguments are not valid JSON' };
    }
  } else input = rawArguments;
  const parsed = AI_TOOLS[name].args.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`);
    return { success: false, error: `invalid arguments: ${issues.join('; ')}` };
  }
  try {
    return await (RUNNERS[name] as (d: Deps, c: Caller, a: unknown) => Promise<ToolSuccess>)(deps, caller, parsed.data);
  } catch (error) {
    if (error instanceof DomainError) return { success: false, error: error.message };
    onUnexpected(error);
    return { success: false, error: 'the tool failed unexpectedly; try again later' };
  }
}

/** A batch of OpenAI-style tool calls, each answered in order with its own output. */
export async function runToolCalls(
  deps: Deps,
  caller: Caller,
  calls: ToolCall[],
  onUnexpected?: (error: unknown) => void,
): Promise<{ tool_call_id: string; output: string }[]> {
  const outputs = [];
  for (const call of calls) {
    const output = await runToolCall(deps, caller, call.function.name, call.function.arguments, onUnexpected);
    outputs.push({ tool_call_id: call.id, output: JSON.stringify(output) });
  }
  return outputs;
}

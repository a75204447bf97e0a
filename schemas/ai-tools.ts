import * as z from 'zod';
import { TicketPriority, TicketStatus } from './ticket-enums';

/** Seed 002's categories: what an assistant may file a report under. */
export const AiTicketCategory = z.enum([
  'technical_support', 'billing', 'account', 'general_inquiry', 'complaint', 'feature_request', 'other',
]);

const TicketRef = z.string().trim().min(1).max(64).describe('The ticket number (TKT-2026-000123) or its id');
const RequesterEmail = z.email().max(254);

export const CreateTicketReportArgs = z.object({
  subject: z.string().trim().min(1).max(200).describe('Brief summary of the issue (max 200 chars)'),
  description: z.string().trim().min(1).max(20_000).describe('Detailed description of the customer\'s issue or request'),
  category: AiTicketCategory.describe('Category that best describes the issue'),
  priority: z.enum(['low', 'medium', 'high', 'urgent']).optional()
    .describe('Priority level based on issue severity. Use \'urgent\' only for critical issues.'),
  requester_email: RequesterEmail.optional()
    .describe('Staff tokens only: the customer the ticket is for. A customer\'s ticket is always their own.'),
  requester_name: z.string().trim().min(1).max(200).optional().describe('Staff tokens only: the customer\'s name'),
});

export const GetTicketInformationArgs = z.object({
  ticket_id: TicketRef.optional().describe('The ticket number (format: TKT-YYYY-NNNNNN). Optional if looking up by recent tickets.'),
  lookup_recent: z.boolean().optional()
    .describe('Set to true to retrieve the customer\'s most recent tickets instead of a specific one'),
  requester_email: RequesterEmail.optional().describe('Staff tokens only: whose recent tickets to look up'),
});

export const SearchTicketsArgs = z.object({
  status: TicketStatus.optional(),
  priority: TicketPriority.optional(),
  requester_email: RequesterEmail.optional().describe('Staff tokens only; customers always search their own tickets'),
  tag: z.string().min(1).max(50).optional(),
  category: z.string().min(1).max(100).optional(),
  limit: z.int().min(1).max(20).optional().describe('How many, newest first (default 10)'),
  cursor: z.string().max(2048).optional().describe('nextCursor of a previous search, for the next page'),
});

export const AddReplyArgs = z.object({
  ticket_id: TicketRef,
  body: z.string().trim().min(1).max(20_000).describe('The reply text'),
  internal: z.boolean().optional().describe('Staff only: an internal note the customer never sees'),
});

/** Every tool: its description and argument schema. The JSON Schemas on the wire come from these. */
export const AI_TOOLS = {
  create_ticket_report: {
    description: 'Creates a support ticket for the customer. Use when the customer reports an issue, requests help, or needs '
      + 'follow-up on a problem. The ticket will be tracked and assigned to an agent.',
    args: CreateTicketReportArgs,
  },
  get_ticket_information: {
    description: 'Retrieves information about a customer\'s support ticket. Use when customer asks about ticket status, wants '
      + 'updates, or references a previous issue.',
    args: GetTicketInformationArgs,
  },
  search_tickets: {
    description: 'Finds tickets by status, priority, requester, tag or category, most recently updated first.',
    args: SearchTicketsArgs,
  },
  add_reply: {
    description: 'Adds a public reply to a ticket (or, for staff, an internal note).',
    args: AddReplyArgs,
  },
} as const;
export type AiToolName = keyof typeof AI_TOOLS;

/** The tools offered to chat assistants through `GET /v1/ai/tools` (seed 002); MCP serves all. */
export const ASSISTANT_TOOLS: readonly AiToolName[] = ['create_ticket_report', 'get_ticket_information'];

/** A tool's argument schema as JSON Schema (draft 2020-12 without `$schema`, as function tools take it). */
export function toolParameters(name: AiToolName): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(AI_TOOLS[name].args, { io: 'input' }) as Record<string, unknown>;
  return schema;
}

export const FunctionTool = z
  .object({
    type: z.literal('function'),
    function: z.object({ name: z.string(), description: z.string(), parameters: z.record(z.string(), z.unknown()) }),
  })
  .meta({ id: 'FunctionTool' });

export const AiToolList = z.object({ tools: z.array(FunctionTool) }).meta({ id: 'AiToolList' });

export const AiToolsQuery = z.strictObject({
  include: z.enum(['assistant', 'all']).default('assistant').describe('`all` adds the MCP tools search_tickets and add_reply'),
});

export const ToolCall = z.object({
  id: z.string().min(1).max(256),
  type: z.literal('function').default('function'),
  function: z.object({
    name: z.string().max(128),
    arguments: z.union([z.string().max(100_000), z.record(z.string(), z.unknown())]).default('{}')
      .describe('The JSON string the model produced (an object is accepted too)'),
  }),
});
export type ToolCall = z.infer<typeof ToolCall>;

export const ToolCallsBody = z
  .strictObject({ toolCalls: z.array(ToolCall).min(1).max(20) })
  .meta({ id: 'ToolCallsBody' });
export type ToolCallsBody = z.infer<typeof ToolCallsBody>;

export const ToolOutputs = z
  .object({
    toolOutputs: z.array(z.object({
      tool_call_id: z.string(),
      output: z.string().describe('JSON: { "success": true, ... } or { "success": false, "error": "..." }'),
    })),
  })
  .meta({ id: 'ToolOutputs' });

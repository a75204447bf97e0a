import type { CreateTicketFromChatBody } from '../../../schemas/chat';
import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { stableUlid } from '../stable-id';
import { createTicket } from '../tickets/create-ticket';
import type { Ticket } from '../tickets/ticket.entity';
import { formatTranscript } from './format-transcript';

const SUBJECT_MAX = 250;
const DESCRIPTION_MAX = 50_000;
const MESSAGE_MAX = 100_000;

/** The subject a chat gets when none is given: its first customer line, shortened. */
export function subjectOfChat(input: CreateTicketFromChatBody): string {
  const first = input.transcript.find((e) => e.role === 'customer' && e.text.trim()) ?? input.transcript[0];
  const line = first.text.trim().split('\n')[0].replace(/\s+/g, ' ');
  const text = line.length > 80 ? `${line.slice(0, 79)}…` : line;
  return (text || `Chat ${input.chatId}`).slice(0, SUBJECT_MAX);
}

/**
 * Opens a ticket from a chat conversation: the transcript (seed 004's format) becomes the
 * description and the first message, and the ticket keeps `chatId`. The ticket id derives from
 * the organization and the chat, so the same chat again returns the ticket made first (also
 * under concurrent calls: the second create fails its condition and reads the first).
 * @returns the ticket, and `created: false` when the chat already had one.
 * @throws ForbiddenError, RuleViolationError, BusyError as createTicket does.
 */
export async function createTicketFromChat(
  deps: Deps,
  caller: Caller,
  input: CreateTicketFromChatBody,
): Promise<{ ticket: Ticket; created: boolean }> {
  const ticketId = stableUlid(`chat\u0000${caller.orgId}\u0000${input.chatId}`, new Date(input.transcript[0].at));
  const { data: existing } = await deps.store.entities.ticket.get({ orgId: caller.orgId, ticketId }).go({ consistent: true });
  if (existing) return { ticket: existing, created: false };
  const transcript = formatTranscript(input.transcript);
  const ticket = await createTicket(deps, caller, {
    subject: input.subject ?? subjectOfChat(input),
    description: transcript.slice(0, DESCRIPTION_MAX),
    priority: input.priority,
    category: input.category,
    tags: ['chat'],
    customFields: {},
    requester: input.requester,
  }, 'chat', { ticketId, chatId: input.chatId, firstMessage: { body: transcript.slice(0, MESSAGE_MAX) } });
  return { ticket, created: true };
}

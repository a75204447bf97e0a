import { createTicketFromChat } from '../../domain/chat/create-ticket-from-chat';
import { etagOf, toTicketView } from '../../domain/tickets/ticket-view';
import { INTAKE_ROUTES } from '../../manifest/features/intake';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('chat-tickets', INTAKE_ROUTES, {
  createTicketFromChat: async ({ caller, body }, { deps }) => {
    const { ticket, created } = await createTicketFromChat(deps, caller, body);
    // The same chat again answers like a replayed create: the same 201 and ticket, marked as a replay.
    return {
      status: 201,
      body: toTicketView(ticket, caller),
      headers: {
        location: `/v1/tickets/${ticket.ticketId}`,
        etag: etagOf(ticket),
        ...(created ? {} : { 'idempotent-replayed': 'true' }),
      },
    };
  },
});

import { linkTickets, unlinkTickets } from '../../domain/relations/link-tickets';
import { mergeTickets } from '../../domain/relations/merge-tickets';
import { splitTicket } from '../../domain/relations/split-ticket';
import { ticketViewsFor } from '../../domain/statuses/ticket-views';
import { RELATION_ROUTES } from '../../manifest/features/relations';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('ticket-relations', RELATION_ROUTES, {
  mergeTicket: async ({ caller, params, body }, { deps }) => {
    const { source, target, copiedMessages } = await mergeTickets(deps, caller, params.ticketId, body.targetTicketId);
    const [sourceView, targetView] = await ticketViewsFor(deps, caller, [source, target]);
    return { status: 200, body: { source: sourceView, target: targetView, copiedMessages } };
  },

  splitTicket: async ({ caller, params, body }, { deps }) => {
    const { source, ticket, copiedMessages } = await splitTicket(deps, caller, params.ticketId, body);
    const [sourceView, ticketView] = await ticketViewsFor(deps, caller, [source, ticket]);
    return {
      status: 201,
      body: { source: sourceView, ticket: ticketView, copiedMessages },
      headers: { location: `/v1/tickets/${ticket.ticketId}` },
    };
  },

  linkTickets: async ({ caller, params, body }, { deps }) => {
    const { ticket, other } = await linkTickets(deps, caller, params.ticketId, params.otherTicketId, body.kind);
    const [ticketView, otherView] = await ticketViewsFor(deps, caller, [ticket, other]);
    return { status: 200, body: { ticket: ticketView, other: otherView } };
  },

  unlinkTickets: async ({ caller, params }, { deps }) => {
    await unlinkTickets(deps, caller, params.ticketId, params.otherTicketId);
    return { status: 204 };
  },
});

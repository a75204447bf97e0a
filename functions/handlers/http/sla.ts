import type { RateTicketBody, UpcomingBreachesQuery } from '../../../schemas/sla-api';
import type { SlaPolicyInput } from '../../../schemas/sla-policies';
import {
  createSlaPolicy, deleteSlaPolicy, getSlaPolicy, listSlaPolicies, replaceSlaPolicy,
} from '../../domain/sla-policies/manage-sla-policies';
import { upcomingBreaches } from '../../domain/sla-policies/upcoming-breaches';
import { ticketViewsFor } from '../../domain/statuses/ticket-views';
import { pauseTicketSla, resumeTicketSla } from '../../domain/tickets/hold-ticket-sla';
import { rateTicket } from '../../domain/tickets/rate-ticket';
import { etagOf } from '../../domain/tickets/ticket-view';
import { routeGroup } from '../kit/http-route';

type PolicyParams = { policyId: string };
const etag = (version: number) => `"${version}"`;

export const handler = routeGroup('sla', {
  createSlaPolicy: async ({ caller, body }, { deps }) => {
    const policy = await createSlaPolicy(deps, caller, body);
    return { status: 201, body: policy, headers: { location: `/v1/sla-policies/${policy.id}`, etag: etag(policy.version) } };
  },

  listSlaPolicies: async ({ caller }, { deps }) => ({ status: 200, body: { items: await listSlaPolicies(deps, caller) } }),

  getSlaPolicy: async ({ caller, params }, { deps }) => {
    const policy = await getSlaPolicy(deps, caller, params.policyId);
    return { status: 200, body: policy, headers: { etag: etag(policy.version) } };
  },

  replaceSlaPolicy: async ({ caller, params, body, ifMatchVersion }, { deps }) => {
    const policy = await replaceSlaPolicy(deps, caller, params.policyId, body, ifMatchVersion);
    return { status: 200, body: policy, headers: { etag: etag(policy.version) } };
  },

  deleteSlaPolicy: async ({ caller, params }, { deps }) => {
    await deleteSlaPolicy(deps, caller, params.policyId);
    return { status: 204 };
  },

  listUpcomingBreaches: async ({ caller, query }, { deps }) => ({
    status: 200,
    body: { items: await upcomingBreaches(deps, caller, query) },
  }),

  pauseTicketSla: async ({ caller, params, body, ifMatchVersion }, { deps }) => {
    const ticket = await pauseTicketSla(deps, caller, params.ticketId, body.reason, ifMatchVersion);
    return { status: 200, body: (await ticketViewsFor(deps, caller, [ticket]))[0], headers: { etag: etagOf(ticket) } };
  },

  resumeTicketSla: async ({ caller, params, body, ifMatchVersion }, { deps }) => {
    const ticket = await resumeTicketSla(deps, caller, params.ticketId, body.reason, ifMatchVersion);
    return { status: 200, body: (await ticketViewsFor(deps, caller, [ticket]))[0], headers: { etag: etagOf(ticket) } };
  },

  rateTicket: async ({ caller, params, body }, { deps }) => {
    const rating = await rateTicket(deps, caller, params.ticketId, body);
    return { status: 201, body: { ticketId: params.ticketId, ...rating } };
  },
});

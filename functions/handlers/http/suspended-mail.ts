import type { SuspendedMailQuery } from '../../../schemas/email';
import { recoverSuspendedMail } from '../../domain/mail-channel/recover-suspended-mail';
import { deleteSuspendedMail, listSuspendedMail } from '../../domain/mail-channel/suspended-mail';
import { EMAIL_ROUTES } from '../../manifest/features/email';
import { routeGroup } from '../kit/http-route';


export const handler = routeGroup('suspended-mail', EMAIL_ROUTES, {
  listSuspendedMail: async ({ caller, query }, { deps }) => ({
    status: 200,
    body: await listSuspendedMail(deps, caller, query),
  }),
  recoverSuspendedMail: async ({ caller, params }, { deps, ports }) => {
    const recovered = await recoverSuspendedMail(deps, ports.objects, caller, params.suspendedId, ports.attachments);
    return { status: 201, body: recovered, headers: { location: `/v1/tickets/${recovered.ticketId}` } };
  },
  deleteSuspendedMail: async ({ caller, params }, { deps }) => {
    await deleteSuspendedMail(deps, caller, params.suspendedId);
    return { status: 204 };
  },
});

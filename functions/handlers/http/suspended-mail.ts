import type { SuspendedMailQuery } from '../../../schemas/email';
import { attachmentStore } from '../../adapters/attachment-store';
import { objectStore } from '../../adapters/object-store';
import { recoverSuspendedMail } from '../../domain/mail-channel/recover-suspended-mail';
import { deleteSuspendedMail, listSuspendedMail } from '../../domain/mail-channel/suspended-mail';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

type ById = ParsedRequest<unknown, unknown, { suspendedId: string }>;

export const handler = routeGroup('suspended-mail', {
  listSuspendedMail: async ({ caller, query }: ParsedRequest<unknown, SuspendedMailQuery>) => ({
    status: 200,
    body: await listSuspendedMail(deps, caller, query),
  }),
  recoverSuspendedMail: async ({ caller, params }: ById) => {
    const recovered = await recoverSuspendedMail(deps, objectStore(), caller, params.suspendedId, attachmentStore());
    return { status: 201, body: recovered, headers: { location: `/v1/tickets/${recovered.ticketId}` } };
  },
  deleteSuspendedMail: async ({ caller, params }: ById) => {
    await deleteSuspendedMail(deps, caller, params.suspendedId);
    return { status: 204 };
  },
});

import type { PutMailboxBody } from '../../../schemas/email';
import { deleteOrgMailbox, listOrgMailboxes, putOrgMailbox, toMailboxView } from '../../domain/mail-channel/manage-mailboxes';
import { EMAIL_ROUTES } from '../../manifest/features/email';
import { routeGroup } from '../kit/http-route';

export const handler = routeGroup('mailboxes', EMAIL_ROUTES, {
  listMailboxes: async ({ caller }, { deps }) => ({
    status: 200,
    body: { items: (await listOrgMailboxes(deps, caller)).map(toMailboxView) },
  }),
  putMailbox: async ({ caller, params, body }, { deps }) => ({
    status: 200,
    body: toMailboxView(await putOrgMailbox(deps, caller, params.address, body)),
  }),
  deleteMailbox: async ({ caller, params }, { deps }) => {
    await deleteOrgMailbox(deps, caller, params.address);
    return { status: 204 };
  },
});

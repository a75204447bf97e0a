import type { PutMailboxBody } from '../../../schemas/email';
import { listOrgMailboxes, putOrgMailbox, toMailboxView } from '../../domain/mail-channel/manage-mailboxes';
import { deps } from '../deps';
import { routeGroup } from './http-route';
import type { ParsedRequest } from './parse-request';

export const handler = routeGroup('mailboxes', {
  listMailboxes: async ({ caller }: ParsedRequest) => ({
    status: 200,
    body: { items: (await listOrgMailboxes(deps, caller)).map(toMailboxView) },
  }),
  putMailbox: async ({ caller, params, body }: ParsedRequest<PutMailboxBody, unknown, { address: string }>) => ({
    status: 200,
    body: toMailboxView(await putOrgMailbox(deps, caller, params.address, body)),
  }),
});

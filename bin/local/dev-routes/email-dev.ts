import { splitAddress } from '../../../functions/domain/mail-channel/addresses';
import { routeGroup } from '../../../functions/handlers/kit/http-route';
import { HTTP_ROUTES } from '../../../functions/manifest/http-routes';
import { localWorld } from '../local-world';

/**
 * Local runtime only (localOnly in the manifest): the outbox folder over HTTP, for tests and
 * debugging. Only the caller's organization's mail: each mail goes out from one of its
 * mailboxes, so the sender's mailbox names the organization.
 */
export const handler = routeGroup('email-dev', HTTP_ROUTES, {
  listDevOutbox: async ({ caller, query }, { deps }) => {
    const orgOfMailbox = new Map<string, Promise<string | undefined>>();
    const orgOf = (from: string) => {
      const { base } = splitAddress(from);
      if (!orgOfMailbox.has(base)) orgOfMailbox.set(base, deps.store.entities.mailbox.get({ address: base }).go().then(({ data }) => data?.orgId));
      return orgOfMailbox.get(base)!;
    };
    const mails = localWorld().outbox.list({ to: query.to });
    const orgs = await Promise.all(mails.map((mail) => orgOf(mail.from)));
    return { status: 200, body: { items: mails.filter((_, i) => orgs[i] === caller.orgId) } };
  },
});

import { splitAddress } from '../../../functions/domain/mail-channel/addresses';
import type { Deps } from '../../../functions/domain/store/store';
import { routeGroup } from '../../../functions/handlers/kit/http-route';
import { HTTP_ROUTES } from '../../../functions/manifest/http-routes';
import type { DeadLetter } from '../adapters/dead-letters';
import { localWorld } from '../local-world';

/** Developer tools of the local runtime; the manifest marks them localOnly, so CDK never deploys them. */
const clockView = () => {
  const now = localWorld().clock.now();
  return { now: now.toISOString(), offsetMs: now.getTime() - Date.now() };
};

export const handler = routeGroup('dev', HTTP_ROUTES, {
  getDevClock: async () => ({ status: 200, body: clockView() }),

  advanceDevClock: async ({ body }) => {
    localWorld().clock.advance(body.seconds * 1000);
    return { status: 200, body: clockView() };
  },

  listDevEvents: async ({ caller, query }) => ({
    status: 200,
    body: { items: localWorld().events.list({ ...query, orgId: caller.orgId }) },
  }),

  listDevDeadLetters: async ({ caller }, { deps }) => ({
    status: 200,
    body: { items: (await deadLettersOf(deps, caller.orgId)).map(({ orgId: _org, mailboxes: _m, ...item }) => item) },
  }),

  replayDevDeadLetters: async ({ caller, body }, { deps }) => {
    const ours = (await deadLettersOf(deps, caller.orgId)).map((d) => d.id);
    const wanted = body.ids ? ours.filter((id) => body.ids!.includes(id)) : ours;
    return { status: 200, body: { replayed: await localWorld().deadLetters.replay(wanted) } };
  },
});

/** The organization's dead letters: by the org the payload names, or for mail, by the mailbox it came to. */
async function deadLettersOf(deps: Deps, orgId: string): Promise<DeadLetter[]> {
  const orgOfMailbox = new Map<string, Promise<string | undefined>>();
  const mailboxOrg = (address: string) => {
    const { base } = splitAddress(address);
    if (!orgOfMailbox.has(base)) orgOfMailbox.set(base, deps.store.entities.mailbox.get({ address: base }).go().then(({ data }) => data?.orgId));
    return orgOfMailbox.get(base)!;
  };
  const all = localWorld().deadLetters.list();
  const owners = await Promise.all(all.map(async (d) => d.orgId ?? (d.mailboxes?.length ? mailboxOrg(d.mailboxes[0]) : undefined)));
  return all.filter((_, i) => owners[i] === orgId);
}

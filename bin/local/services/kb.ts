import type { Role } from '../../../schemas/users';
import { putWebForm, webFormOf } from '../../../functions/domain/intake/web-forms';
import { saveUser } from '../../../functions/domain/users/manage-users';
import type { LocalService } from './service';

const KB_ORG_ID = 'org_kb';
export const KB_SLUG = 'kb-lab';
const people = [
  { key: 'admin', role: 'admin', name: 'Kim Admin', email: 'kim@kb.helpdesk.local' },
  { key: 'agent', role: 'agent', name: 'Kai Agent', email: 'kai@kb.helpdesk.local' },
  { key: 'customer', role: 'customer', name: 'Kit Customer', email: 'kit@example.org' },
].map((p) => ({ ...p, sub: `${KB_ORG_ID}-${p.key}`, orgId: KB_ORG_ID }));

/**
 * The knowledge base feature's local stand-in: a fourth organization, empty of tickets and
 * articles (runtime.json `kbOrg`, public form `kb-lab`), where the assistant starts with no
 * history and learns only from what is done there. Bedrock is played by the stand-in the local
 * root wires (bin/local/adapters/local-bedrock.ts), which records every Converse request.
 */
export const kbService: LocalService = {
  name: 'kb',
  start: async ({ runtime, tokens, dataDir }) => {
    const { deps } = runtime;
    const { data } = await deps.store.entities.organization.get({ orgId: KB_ORG_ID }).go();
    if (!data) {
      for (const p of people) await saveUser(deps, KB_ORG_ID, p.sub, { email: p.email, name: p.name, role: p.role as Role, active: true });
      await deps.store.entities.organization.create({ orgId: KB_ORG_ID, name: 'Knowledge Lab', settings: {}, createdAt: deps.now().toISOString() }).go();
    }
    if (!(await webFormOf(deps, KB_ORG_ID))) await putWebForm(deps, KB_ORG_ID, { slug: KB_SLUG, brandName: 'Knowledge Lab' });
    const signed = Object.fromEntries(await Promise.all(people.map(async (p) => [p.key, await tokens.sign(p)] as const)));
    return {
      contract: {
        kbOrg: {
          orgId: KB_ORG_ID,
          slug: KB_SLUG,
          tokens: signed,
          users: Object.fromEntries(people.map((p) => [p.key, { id: p.sub, email: p.email, role: p.role }])),
          bedrockRequestsFile: `${dataDir}/assist/bedrock-requests.jsonl`,
        },
      },
      banner: [`Knowledge   organization ${KB_ORG_ID} (runtime.json kbOrg, form ${KB_SLUG}): articles, search, assist from scratch`],
      stop: async () => undefined,
    };
  },
};

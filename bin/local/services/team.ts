import type { Role } from '../../../schemas/users';
import { createOrganization } from '../../../functions/domain/settings/org-settings';
import { createStore } from '../../../functions/domain/store/store';
import { saveUser } from '../../../functions/domain/users/manage-users';
import type { LocalService } from './service';

const TEAM_ORG_ID = 'org_team';
const people = [
  { key: 'admin', role: 'admin', name: 'Tara Admin', email: 'tara@team.helpdesk.local' },
  { key: 'supervisor', role: 'supervisor', name: 'Tom Supervisor', email: 'tom@team.helpdesk.local' },
  { key: 'agent', role: 'agent', name: 'Tess Agent', email: 'tess@team.helpdesk.local' },
  { key: 'agent2', role: 'agent', name: 'Theo Agent', email: 'theo@team.helpdesk.local' },
  { key: 'customer', role: 'customer', name: 'Toni Customer', email: 'toni@example.net' },
].map((p) => ({ ...p, sub: `${TEAM_ORG_ID}-${p.key}`, orgId: TEAM_ORG_ID }));

/**
 * The team feature's local stand-in: a third, empty organization for trying routing rules and
 * agent scope without disturbing the demo organization (runtime.json `teamOrg`).
 */
export const teamService: LocalService = {
  name: 'team',
  start: async ({ clients, tableName, world, tokens }) => {
    const store = createStore(clients.document, tableName);
    const deps = { store, now: () => world.clock.now(), newId: () => crypto.randomUUID().replace(/-/g, '') };
    const { data } = await store.entities.organization.get({ orgId: TEAM_ORG_ID }).go();
    if (!data) {
      for (const p of people) await saveUser(deps, TEAM_ORG_ID, p.sub, { email: p.email, name: p.name, role: p.role as Role, active: true });
      await createOrganization(deps, { orgId: TEAM_ORG_ID, name: 'Team Lab' });
    }
    const signed = Object.fromEntries(await Promise.all(people.map(async (p) => [p.key, await tokens.sign(p)] as const)));
    return {
      contract: {
        teamOrg: {
          orgId: TEAM_ORG_ID,
          tokens: signed,
          users: Object.fromEntries(people.map((p) => [p.key, { id: p.sub, email: p.email, role: p.role }])),
        },
      },
      banner: [`Team lab    organization ${TEAM_ORG_ID} (runtime.json teamOrg) for routing and scope experiments`],
      stop: async () => undefined,
    };
  },
};

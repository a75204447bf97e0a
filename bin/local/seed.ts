import type { Role } from '../../schemas/users';
import { createOrganization } from '../../functions/domain/settings/org-settings';
import type { Caller } from '../../functions/domain/caller';
import type { Deps } from '../../functions/domain/store/store';
import { addMessage } from '../../functions/domain/tickets/add-message';
import { createTicket } from '../../functions/domain/tickets/create-ticket';
import { saveUser } from '../../functions/domain/users/manage-users';
import type { LocalIdentity } from './local-tokens';
import { seedDemoTeam } from './seed-team';

export interface SeedUser extends LocalIdentity {
  key: string;
}

interface SeedOrg {
  orgId: string;
  name: string;
  users: SeedUser[];
}

const person = (orgId: string, key: string, role: Role, name: string, email: string): SeedUser => ({
  key, sub: `${orgId}-${key}`, role, name, email, orgId,
});

export const DEMO_ORG: SeedOrg = {
  orgId: 'org_demo',
  name: 'Demo Support',
  users: [
    person('org_demo', 'admin', 'admin', 'Ada Admin', 'ada@demo.helpdesk.local'),
    person('org_demo', 'supervisor', 'supervisor', 'Sam Supervisor', 'sam@demo.helpdesk.local'),
    person('org_demo', 'agent', 'agent', 'Alex Agent', 'alex@demo.helpdesk.local'),
    person('org_demo', 'agent2', 'agent', 'Bea Agent', 'bea@demo.helpdesk.local'),
    person('org_demo', 'customer', 'customer', 'Carla Customer', 'carla@example.com'),
    person('org_demo', 'customer2', 'customer', 'Dan Customer', 'dan@example.com'),
  ],
};

export const OTHER_ORG: SeedOrg = {
  orgId: 'org_other',
  name: 'Other Company',
  users: [
    person('org_other', 'admin', 'admin', 'Olga Admin', 'olga@other.helpdesk.local'),
    person('org_other', 'agent', 'agent', 'Otto Agent', 'otto@other.helpdesk.local'),
    person('org_other', 'customer', 'customer', 'Oscar Customer', 'oscar@example.org'),
  ],
};

/** Seeds both organizations once: a restart finds them (and their tickets) as they were. */
export async function seed(deps: Deps): Promise<void> {
  for (const org of [DEMO_ORG, OTHER_ORG]) {
    const { data } = await deps.store.entities.organization.get({ orgId: org.orgId }).go();
    if (data) continue;
    for (const user of org.users) {
      await saveUser(deps, org.orgId, user.sub, { email: user.email, name: user.name, role: user.role as Role, active: true });
    }
    await createOrganization(deps, { orgId: org.orgId, name: org.name });
    if (org === DEMO_ORG) {
      await seedDemoTeam(deps, org);
      await seedDemoTickets(deps, org);
    }
  }
}

async function seedDemoTickets(deps: Deps, org: SeedOrg) {
  const as = (key: string): Caller => {
    const user = org.users.find((u) => u.key === key)!;
    return { orgId: org.orgId, userId: user.sub, email: user.email, name: user.name, role: user.role as Role };
  };
  const printer = await createTicket(deps, as('customer'), {
    subject: 'Invoices PDF will not download',
    description: 'Clicking "Download PDF" on any invoice shows a blank page since this morning.',
    priority: 'high', category: 'billing', tags: ['invoices'], customFields: {},
  });
  await addMessage(deps, as('agent'), printer.ticketId, { body: 'Thanks Carla, we are looking into it. Which browser do you use?', internal: false });
  await addMessage(deps, as('agent'), printer.ticketId, { body: 'Reproduced on Firefox only; likely the new PDF viewer.', internal: true });
  await createTicket(deps, as('agent'), {
    subject: 'Cannot reset password',
    description: 'Customer called: the reset link says it expired immediately.',
    priority: 'urgent', category: 'account', tags: ['login'], customFields: { plan: 'pro' },
    requester: { name: 'Dan Customer', email: 'dan@example.com' },
  });
}

import type { Role } from '../../schemas/users';
import type { Caller } from '../../functions/domain/caller';
import { createCannedReply } from '../../functions/domain/catalog/manage-canned-replies';
import { createCategory } from '../../functions/domain/catalog/manage-categories';
import { createCustomField } from '../../functions/domain/catalog/manage-custom-fields';
import type { Deps } from '../../functions/domain/store/store';
import { createDepartment } from '../../functions/domain/team/manage-departments';
import { putRoutingConfig } from '../../functions/domain/team/routing-config';
import { saveUser } from '../../functions/domain/users/manage-users';

interface Org {
  orgId: string;
  users: { key: string; sub: string; role: string; name: string; email: string }[];
}

/**
 * The demo organization's team: two departments (agents in them), categories the seeded
 * tickets use, a `plan` custom field, a canned reply, and one routing rule (billing tickets go
 * round robin to the Billing department).
 */
export async function seedDemoTeam(deps: Deps, org: Org): Promise<void> {
  const user = (key: string) => org.users.find((u) => u.key === key)!;
  const admin: Caller = { orgId: org.orgId, userId: user('admin').sub, email: user('admin').email, name: user('admin').name, role: 'admin' };
  const support = await createDepartment(deps, admin, { name: 'Support', description: 'First line', tier: 1 });
  const billing = await createDepartment(deps, admin, { name: 'Billing', description: 'Invoices, refunds, plans', tier: 2 });
  for (const [key, departmentIds, skills] of [['agent', [support.departmentId], ['english', 'login']], ['agent2', [support.departmentId, billing.departmentId], ['english', 'billing']]] as const) {
    const u = user(key);
    await saveUser(deps, org.orgId, u.sub, {
      email: u.email, name: u.name, role: u.role as Role, active: true, departmentIds: [...departmentIds], skills: [...skills], capacity: 10, availability: 'available',
    });
  }
  await createCategory(deps, admin, { id: 'billing', name: 'Billing' });
  await createCategory(deps, admin, { id: 'invoices', name: 'Invoices', parentId: 'billing' });
  await createCategory(deps, admin, { id: 'account', name: 'Account' });
  await createCustomField(deps, admin, {
    key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro', 'enterprise'], required: false, visibleToCustomer: true,
  });
  await createCannedReply(deps, admin, {
    title: 'Acknowledge', shortcut: 'ack', shared: true,
    body: 'Hello {{requester.name}},\n\nthanks for reaching {{organization.name}}. We are on {{ticket.number}} ("{{ticket.subject}}").\n\n{{agent.name}}',
  });
  await putRoutingConfig(deps, admin, {
    rules: [{ name: 'Billing tickets', when: { category: 'billing' }, departmentId: billing.departmentId, strategy: 'round_robin' }],
  });
}

import type { FunctionComponent } from 'preact';
import type { Role } from '../auth/session';
import { AutomationsScreen } from './screens/automations';
import { CannedRepliesScreen } from './screens/canned-replies';
import { ChannelsScreen } from './screens/channels';
import { CategoriesScreen } from './screens/categories';
import { CustomFieldsScreen } from './screens/custom-fields';
import { DepartmentsScreen } from './screens/departments';
import { MailboxesScreen } from './screens/mailboxes';
import { NotificationsScreen } from './screens/notifications';
import { OrgSettingsScreen } from './screens/org-settings';
import { RoutingScreen } from './screens/routing';
import { SlaPoliciesScreen } from './screens/sla-policies';
import { StatusesScreen } from './screens/statuses';
import { SuspendedMailScreen } from './screens/suspended-mail';
import { UsersScreen } from './screens/users';
import { WebFormScreen } from './screens/web-form';
import { WebhooksScreen } from './screens/webhooks';

/**
 * The admin area is a registry: a feature adds its screen with one entry (departments,
 * routing, categories, custom fields, canned replies, channels, settings…). A screen shows
 * when the caller's role may use it and the deployment has its route.
 */
export interface AdminScreen {
  id: string;
  title: string;
  description: string;
  /** The route the screen lists from, e.g. 'GET /v1/webhooks'. */
  requires: string;
  roles: Role[];
  component: FunctionComponent;
}

export const ADMIN_SCREENS: AdminScreen[] = [
  { id: 'settings', title: 'Organization', description: 'Auto-close, surveys, what agents see, limits, mail identity; versioned, with history.', requires: 'GET /v1/settings', roles: ['admin'], component: OrgSettingsScreen },
  { id: 'automations', title: 'Automations', description: 'Rules that act on ticket events or idle time: set fields, tag, assign, note, reply, call a webhook.', requires: 'GET /v1/automations', roles: ['admin'], component: AutomationsScreen },
  { id: 'users', title: 'Users', description: 'The directory: who can be assigned tickets.', requires: 'GET /v1/users', roles: ['admin', 'supervisor'], component: UsersScreen },
  { id: 'sla-policies', title: 'SLA policies', description: 'Targets per priority, business hours and holidays.', requires: 'GET /v1/sla-policies', roles: ['admin', 'supervisor'], component: SlaPoliciesScreen },
  { id: 'mailboxes', title: 'Mailboxes', description: 'Support addresses, spam policy and templates.', requires: 'GET /v1/mailboxes', roles: ['admin'], component: MailboxesScreen },
  { id: 'notifications', title: 'Customer notifications', description: 'Confirmation mails and satisfaction surveys.', requires: 'GET /v1/notification-settings', roles: ['admin'], component: NotificationsScreen },
  { id: 'web-form', title: 'Web form', description: 'The public form and its embed snippet: address, branding, limits.', requires: 'GET /v1/web-form', roles: ['admin'], component: WebFormScreen },
  { id: 'channels', title: 'WhatsApp & Instagram', description: 'Meta accounts whose messages open tickets.', requires: 'GET /v1/channels', roles: ['admin'], component: ChannelsScreen },
  { id: 'suspended-mail', title: 'Suspended mail', description: 'Mail that did not open a ticket: recover or delete.', requires: 'GET /v1/suspended-mail', roles: ['admin', 'supervisor', 'agent'], component: SuspendedMailScreen },
  { id: 'webhooks', title: 'Webhooks', description: 'Signed event delivery to other systems.', requires: 'GET /v1/webhooks', roles: ['admin'], component: WebhooksScreen },
  { id: 'departments', title: 'Departments', description: 'Teams agents belong to; routing targets.', requires: 'GET /v1/departments', roles: ['admin', 'supervisor'], component: DepartmentsScreen },
  { id: 'routing', title: 'Routing', description: 'Rules that send new tickets to a department, and the fallback.', requires: 'GET /v1/routing', roles: ['admin', 'supervisor'], component: RoutingScreen },
  { id: 'categories', title: 'Categories', description: 'The two-level category tree tickets are filed under.', requires: 'GET /v1/categories', roles: ['admin'], component: CategoriesScreen },
  { id: 'custom-fields', title: 'Custom fields', description: 'Extra ticket fields, per category, optionally shown to customers.', requires: 'GET /v1/custom-fields', roles: ['admin'], component: CustomFieldsScreen },
  { id: 'statuses', title: 'Statuses', description: 'Custom statuses: the name staff see, the status it stands for, the customer label.', requires: 'GET /v1/statuses', roles: ['admin', 'supervisor'], component: StatusesScreen },
  { id: 'canned-replies', title: 'Canned replies', description: 'Reusable answers with variables, private or shared.', requires: 'GET /v1/canned-replies', roles: ['admin', 'supervisor', 'agent'], component: CannedRepliesScreen },
];

export function registerAdminScreen(screen: AdminScreen): void {
  if (!ADMIN_SCREENS.some((s) => s.id === screen.id)) ADMIN_SCREENS.push(screen);
}

export function visibleScreens(role: Role, has: (route: string) => boolean): AdminScreen[] {
  return ADMIN_SCREENS.filter((s) => s.roles.includes(role) && has(s.requires));
}

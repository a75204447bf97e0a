import { AdminPage } from './admin/admin-page';
import { TicketList } from './agent/ticket-list';
import { TicketPage } from './agent/ticket-page';
import { isStaffRole } from './auth/session';
import { useApp } from './core/app-context';
import { useRoute } from './core/router';
import { Dashboard } from './dashboard/dashboard';
import { NewRequest } from './portal/new-request';
import { PortalList } from './portal/portal-list';
import { PortalTicket } from './portal/portal-ticket';
import { EmptyState } from './ui/notice';
import { Shell } from './ui/shell';

/** Agents get the console; customers the portal; neither reaches the other's pages. */
export function App() {
  const { session } = useApp();
  const route = useRoute();
  const staff = isStaffRole(session.role);
  const [top = staff ? 'tickets' : 'portal', id] = route.path;

  // Customers only ever get the portal, whatever the address says.
  if (!staff) {
    return (
      <Shell section="portal">
        {top !== 'portal' ? <PortalList /> : id === 'new' ? <NewRequest /> : id === 'tickets' && route.path[2] ? <PortalTicket key={route.path[2]} ticketId={route.path[2]} /> : <PortalList />}
      </Shell>
    );
  }
  switch (top) {
    case 'tickets':
      return <Shell section="tickets">{id ? <TicketPage key={id} ticketId={id} /> : <TicketList route={route} />}</Shell>;
    case 'dashboard':
      return <Shell section="dashboard"><Dashboard /></Shell>;
    case 'admin':
      return <Shell section="admin"><AdminPage screenId={id} /></Shell>;
    case 'portal':
      return <Shell section="tickets"><TicketList route={{ path: ['tickets'], query: new URLSearchParams() }} /></Shell>;
    default:
      return <Shell section=""><section class="page"><EmptyState title="Page not found" /></section></Shell>;
  }
}

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isStaffRole } from '../auth/session';
import { useApp } from '../core/app-context';
import { href } from '../core/router';
import type { SocketState } from '../core/realtime';
import { Avatar } from './badges';

/** The frame around every page: navigation, who is signed in, the live connection's state. */
export function Shell({ section, children }: { section: string; children: ComponentChildren }) {
  const { session, realtime, signOut } = useApp();
  const [socket, setSocket] = useState<SocketState>(realtime.state);
  useEffect(() => realtime.onState(setSocket), [realtime]);
  const staff = isStaffRole(session.role);
  const link = (to: string, id: string, label: string) => (
    <li><a href={href(to)} aria-current={section === id ? 'page' : undefined}>{label}</a></li>
  );
  return (
    <div class="shell">
      <a class="skip" href="#main">Skip to content</a>
      <header class="topbar">
        <a class="brand" href={href(staff ? '/tickets' : '/portal')}><span class="logo" aria-hidden="true" />Helpdesk</a>
        <nav aria-label="Main">
          <ul>
            {staff ? (
              <>
                {link('/tickets', 'tickets', 'Tickets')}
                {link('/dashboard', 'dashboard', 'Dashboard')}
                {link('/admin', 'admin', 'Settings')}
              </>
            ) : (
              link('/portal', 'portal', 'My requests')
            )}
          </ul>
        </nav>
        <div class="me">
          <span class={`live live-${socket}`} role="status" title={socket === 'open' ? 'Live updates on' : 'Reconnecting…'}>
            <span class="visually-hidden">Live updates: </span>{socket === 'open' ? 'Live' : socket === 'connecting' ? 'Connecting' : 'Offline'}
          </span>
          <Avatar name={session.name} size="sm" />
          <span class="me-name">{session.name}<span class="muted"> · {session.role}</span></span>
          <button type="button" class="button ghost small" onClick={signOut}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}

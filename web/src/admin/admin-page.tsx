import { useApp } from '../core/app-context';
import { href } from '../core/router';
import { EmptyState } from '../ui/notice';
import { visibleScreens } from './registry';

export function AdminPage({ screenId }: { screenId?: string }) {
  const { session, caps } = useApp();
  const screens = visibleScreens(session.role, (r) => caps.has(r));
  const screen = screens.find((s) => s.id === screenId);
  return (
    <section class="page admin" aria-labelledby="admin-title">
      <header class="page-header"><h1 id="admin-title">{screen ? screen.title : 'Settings'}</h1></header>
      <div class="admin-layout">
        <nav class="admin-nav" aria-label="Settings sections">
          <ul>
            {screens.map((s) => (
              <li key={s.id}><a href={href(`/admin/${s.id}`)} aria-current={s.id === screenId ? 'page' : undefined}>{s.title}</a></li>
            ))}
          </ul>
        </nav>
        <div class="admin-body">
          {screen ? <screen.component /> : screens.length === 0 ? <EmptyState title="Nothing to configure with your role" /> : (
            <ul class="admin-cards">
              {screens.map((s) => (
                <li key={s.id} class="card"><a href={href(`/admin/${s.id}`)}><strong>{s.title}</strong></a><p class="muted">{s.description}</p></li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

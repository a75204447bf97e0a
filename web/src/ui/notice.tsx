import type { ComponentChildren } from 'preact';

export function Notice({ tone = 'info', children, role }: { tone?: 'info' | 'error' | 'warning' | 'success'; children: ComponentChildren; role?: 'status' | 'alert' }) {
  return (
    <div class={`notice notice-${tone}`} role={role ?? (tone === 'error' || tone === 'warning' ? 'alert' : 'status')}>
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {children && <p class="muted">{children}</p>}
    </div>
  );
}

import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import type { UserView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

const ROLES = ['admin', 'supervisor', 'agent', 'customer'] as const;
const blank = { id: '', email: '', name: '', role: 'agent', active: true };

export function UsersScreen() {
  const { api, session } = useApp();
  const list = useAsync(() => api.get<{ items: UserView[] }>('/v1/users'), []);
  const [form, setForm] = useState<typeof blank | undefined>();
  const [error, setError] = useState<string>();
  const canEdit = session.role === 'admin';
  const save = async (e: Event) => {
    e.preventDefault();
    if (!form) return;
    try {
      await api.put(`/v1/users/${encodeURIComponent(form.id)}`, { email: form.email, name: form.name, role: form.role, active: form.active });
      setForm(undefined);
      setError(undefined);
      void list.reload();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {canEdit && !form && <button class="button primary" type="button" onClick={() => setForm({ ...blank })}>Add user</button>}
      {form && (
        <form class="card form-grid" onSubmit={save} aria-label="User">
          <label class="field"><span>User id (identity provider subject)</span><input required value={form.id} readOnly={list.data?.items.some((u) => u.id === form.id)} onInput={(e) => setForm({ ...form, id: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Name</span><input required value={form.name} onInput={(e) => setForm({ ...form, name: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Email</span><input required type="email" value={form.email} onInput={(e) => setForm({ ...form, email: (e.target as HTMLInputElement).value })} /></label>
          <label class="field"><span>Role</span><select value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value })}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
          <label class="check-field"><input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: (e.target as HTMLInputElement).checked })} /> Active</label>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save</button><button class="button ghost" type="button" onClick={() => setForm(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Users</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th>{canEdit && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td><td>{u.email}</td><td>{u.role}</td><td>{u.active ? 'Active' : 'Inactive'}</td>
              {canEdit && <td><button class="button small" type="button" onClick={() => setForm({ ...u })}>Edit<span class="visually-hidden"> {u.name}</span></button></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

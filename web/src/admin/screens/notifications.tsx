import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import type { NotificationSettings } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

/** Which automatic mails the organization's customers get. */
export function NotificationsScreen() {
  const { api } = useApp();
  const current = useAsync(() => api.get<NotificationSettings>('/v1/notification-settings'), []);
  const [draft, setDraft] = useState<NotificationSettings>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);
  if (!draft) return current.error ? <Notice tone="error">{current.error}</Notice> : null;
  const toggle = (change: (d: NotificationSettings, on: boolean) => NotificationSettings) => (e: Event) => {
    setSaved(false);
    setDraft(change(draft, (e.target as HTMLInputElement).checked));
  };
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const { body } = await api.put<NotificationSettings>('/v1/notification-settings', draft);
      current.setData(body);
      setError(undefined);
      setSaved(true);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <form class="card" onSubmit={save} aria-label="Customer notifications">
      <fieldset>
        <legend>Confirmation mail for tickets opened over the API</legend>
        <label class="inline-field"><input type="checkbox" checked={draft.confirmation.customerCreated} onChange={toggle((d, on) => ({ ...d, confirmation: { ...d.confirmation, customerCreated: on } }))} /> <span>When a customer opens the ticket</span></label>
        <label class="inline-field"><input type="checkbox" checked={draft.confirmation.staffCreated} onChange={toggle((d, on) => ({ ...d, confirmation: { ...d.confirmation, staffCreated: on } }))} /> <span>When staff open it for a customer</span></label>
      </fieldset>
      <label class="inline-field"><input type="checkbox" checked={draft.surveys} onChange={toggle((d, on) => ({ ...d, surveys: on }))} /> <span>Satisfaction survey after closure</span></label>
      {error && <Notice tone="error">{error}</Notice>}
      {saved && <Notice tone="success">Saved.</Notice>}
      <div class="row"><button class="button primary" type="submit">Save notifications</button></div>
    </form>
  );
}

import { useApp } from '../../core/app-context';
import type { NotificationSettings } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useSettingsForm } from '../use-settings-form';

/** Which automatic mails the organization's customers get. */
export function NotificationsScreen() {
  const { api } = useApp();
  const { current, draft, setDraft, error, saved, save } = useSettingsForm(
    () => api.get<NotificationSettings>('/v1/notification-settings'),
    async (next) => (await api.put<NotificationSettings>('/v1/notification-settings', next)).body,
  );
  if (!draft) return current.error ? <Notice tone="error">{current.error}</Notice> : null;
  const toggle = (change: (d: NotificationSettings, on: boolean) => NotificationSettings) => (e: Event) =>
    setDraft(change(draft, (e.target as HTMLInputElement).checked));
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

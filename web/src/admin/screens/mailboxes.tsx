import { useApp } from '../../core/app-context';
import type { MailboxView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useEditableList } from '../use-editable-list';

interface Draft { address: string; existing: boolean; displayName: string; spamPolicy: string; dmarcPolicy: string; senderHourlyLimit: number }

export function MailboxesScreen() {
  const { api } = useApp();
  const { list, items, draft, setDraft, error, save: write } = useEditableList<MailboxView, Draft>(() => api.get('/v1/mailboxes'));
  const save = (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    void write(() => api.put(`/v1/mailboxes/${encodeURIComponent(draft.address)}`, {
      ...(draft.displayName ? { displayName: draft.displayName } : {}),
      spamPolicy: draft.spamPolicy, dmarcPolicy: draft.dmarcPolicy, senderHourlyLimit: draft.senderHourlyLimit,
    }));
  };
  const set = (field: keyof Draft, number = false) => (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    setDraft({ ...draft!, [field]: number ? Number(value) : value });
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {!draft && <button class="button primary" type="button" onClick={() => setDraft({ address: '', existing: false, displayName: '', spamPolicy: 'suspend', dmarcPolicy: 'suspend', senderHourlyLimit: 30 })}>Add mailbox</button>}
      {draft && (
        <form class="card form-grid" onSubmit={save} aria-label="Mailbox">
          <label class="field"><span>Address</span><input required type="email" readOnly={draft.existing} value={draft.address} onInput={set('address')} /></label>
          <label class="field"><span>Display name</span><input value={draft.displayName} onInput={set('displayName')} /></label>
          <label class="field"><span>Spam</span><select value={draft.spamPolicy} onChange={set('spamPolicy')}><option value="suspend">Suspend</option><option value="accept">Accept</option></select></label>
          <label class="field"><span>Failing DMARC</span><select value={draft.dmarcPolicy} onChange={set('dmarcPolicy')}><option value="suspend">Suspend</option><option value="accept">Accept</option></select></label>
          <label class="field"><span>Mails per sender per hour</span><input type="number" min={1} max={10000} value={draft.senderHourlyLimit} onInput={set('senderHourlyLimit', true)} /></label>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Mailboxes</caption>
        <thead><tr><th scope="col">Address</th><th scope="col">Name</th><th scope="col">Spam / DMARC</th><th scope="col">Limit</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.address}>
              <td>{m.address}</td><td>{m.displayName ?? ''}</td><td>{m.spamPolicy} / {m.dmarcPolicy}</td><td>{m.senderHourlyLimit}/h</td>
              <td><button class="button small" type="button" onClick={() => setDraft({ address: m.address, existing: true, displayName: m.displayName ?? '', spamPolicy: m.spamPolicy, dmarcPolicy: m.dmarcPolicy, senderHourlyLimit: m.senderHourlyLimit })}>Edit<span class="visually-hidden"> {m.address}</span></button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

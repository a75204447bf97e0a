import { useApp } from '../../core/app-context';
import type { MailboxView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useEditableList } from '../use-editable-list';

interface Draft {
  address: string; existing: boolean; displayName: string; spamPolicy: string; dmarcPolicy: string; senderHourlyLimit: number;
  /** Kept as loaded: a PUT replaces the mailbox, so leaving them out would drop the templates. */
  templates: MailboxView['templates'];
}

/** The fields of a mailbox as PUT takes them back (a PUT replaces the whole mailbox). */
const bodyOf = (m: Omit<Draft, 'existing'>) => ({
  ...(m.displayName ? { displayName: m.displayName } : {}),
  spamPolicy: m.spamPolicy, dmarcPolicy: m.dmarcPolicy, senderHourlyLimit: m.senderHourlyLimit,
  ...(m.templates ? { templates: m.templates } : {}),
});
const draftOf = (m: MailboxView): Draft => ({
  address: m.address, existing: true, displayName: m.displayName ?? '', spamPolicy: m.spamPolicy, dmarcPolicy: m.dmarcPolicy,
  senderHourlyLimit: m.senderHourlyLimit, templates: m.templates,
});

/**
 * The organization's inbound addresses. One is primary: the sender of mail on tickets that have
 * no mail thread (API, web form, chat, AI tools) and of the weekly summary; an admin moves it here.
 */
export function MailboxesScreen() {
  const { api } = useApp();
  const { list, items, draft, setDraft, error, save: write } = useEditableList<MailboxView, Draft>(() => api.get('/v1/mailboxes'));
  const save = (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    void write(() => api.put(`/v1/mailboxes/${encodeURIComponent(draft.address)}`, bodyOf(draft)));
  };
  const makePrimary = (m: MailboxView) => {
    setDraft(undefined);
    void write(() => api.put(`/v1/mailboxes/${encodeURIComponent(m.address)}`, { ...bodyOf(draftOf(m)), primary: true }));
  };
  const remove = (m: MailboxView) => {
    if (!confirm(`Delete the mailbox ${m.address}? Mail to it is then refused.`)) return;
    setDraft(undefined);
    void write(() => api.delete(`/v1/mailboxes/${encodeURIComponent(m.address)}`));
  };
  const set = (field: keyof Draft, number = false) => (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    setDraft({ ...draft!, [field]: number ? Number(value) : value });
  };
  const primary = items.find((m) => m.primary);
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      <p class="muted">
        {primary
          ? <>Mail on tickets without a mail thread (API, web form, chat, AI tools) and the weekly summary go out from the primary mailbox, <strong>{primary.address}</strong>. Replies on a mail thread keep the address the customer wrote to.</>
          : 'Add a mailbox: the first one becomes the primary, the sender of mail on tickets without a mail thread.'}
      </p>
      {!draft && error && <Notice tone="error">{error}</Notice>}
      {!draft && <button class="button primary" type="button" onClick={() => setDraft({ address: '', existing: false, displayName: '', spamPolicy: 'suspend', dmarcPolicy: 'suspend', senderHourlyLimit: 30, templates: null })}>Add mailbox</button>}
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
        <thead><tr><th scope="col">Address</th><th scope="col">Name</th><th scope="col">Primary</th><th scope="col">Spam / DMARC</th><th scope="col">Limit</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.address} data-primary={m.primary ? 'true' : 'false'}>
              <td>{m.address}</td><td>{m.displayName ?? ''}</td>
              <td>{m.primary ? <span class="badge">Primary</span> : ''}</td>
              <td>{m.spamPolicy} / {m.dmarcPolicy}</td><td>{m.senderHourlyLimit}/h</td>
              <td><div class="row">
                <button class="button small" type="button" onClick={() => setDraft(draftOf(m))}>Edit<span class="visually-hidden"> {m.address}</span></button>
                {!m.primary && <button class="button small" type="button" onClick={() => makePrimary(m)}>Make primary<span class="visually-hidden"> {m.address}</span></button>}
                <button class="button small danger" type="button" onClick={() => remove(m)}>Delete<span class="visually-hidden"> {m.address}</span></button>
              </div></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import type { ChannelView } from '../../core/types';
import { Notice } from '../../ui/notice';
import { useEditableList } from '../use-editable-list';

type Kind = 'whatsapp' | 'instagram';
interface Draft {
  id?: string; kind: Kind; name: string; accountId: string; appSecret: string; accessToken: string; verifyToken: string;
  afterResolved: 'new-ticket' | 'reopen';
}

const KIND_LABEL: Record<Kind, string> = { whatsapp: 'WhatsApp', instagram: 'Instagram' };
const fresh = (): Draft => ({ kind: 'whatsapp', name: '', accountId: '', appSecret: '', accessToken: '', verifyToken: '', afterResolved: 'new-ticket' });

/**
 * WhatsApp numbers and Instagram accounts that open tickets. Secrets are write-only: the API
 * says which are set and never returns them, so editing leaves a blank secret unchanged.
 */
export function ChannelsScreen() {
  const { api } = useApp();
  const { list, items, draft, setDraft, error, setError, save: write } = useEditableList<ChannelView, Draft>(() => api.get('/v1/channels'));
  const save = (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    void write(() => {
      if (draft.id) {
        const secrets = Object.fromEntries((['appSecret', 'accessToken', 'verifyToken'] as const).filter((k) => draft[k]).map((k) => [k, draft[k]]));
        return api.patch(`/v1/channels/${draft.id}`, { name: draft.name, afterResolved: draft.afterResolved, ...secrets });
      }
      const account = draft.kind === 'whatsapp' ? { phoneNumberId: draft.accountId } : { accountId: draft.accountId };
      return api.post('/v1/channels', {
        kind: draft.kind, name: draft.name, ...account, appSecret: draft.appSecret, accessToken: draft.accessToken,
        verifyToken: draft.verifyToken, afterResolved: draft.afterResolved,
      }, { 'idempotency-key': crypto.randomUUID() });
    });
  };
  const remove = async (c: ChannelView) => {
    if (!confirm(`Remove the ${KIND_LABEL[c.kind]} channel ${c.name}? New messages to it will no longer open tickets.`)) return;
    await api.delete(`/v1/channels/${c.id}`).catch((err) => setError(describeError(err)));
    void list.reload();
  };
  const set = (field: keyof Draft) => (e: Event) => setDraft({ ...draft!, [field]: (e.target as HTMLInputElement).value });
  const editing = Boolean(draft?.id);
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {error && !draft && <Notice tone="error">{error}</Notice>}
      {!draft && <button class="button primary" type="button" onClick={() => setDraft(fresh())}>Connect channel</button>}
      {draft && (
        <form class="card form-grid" onSubmit={save} aria-label="Channel">
          <label class="field"><span>Kind</span>
            <select value={draft.kind} disabled={editing} onChange={set('kind')}><option value="whatsapp">WhatsApp</option><option value="instagram">Instagram</option></select>
          </label>
          <label class="field"><span>Name</span><input required maxLength={200} value={draft.name} onInput={set('name')} /></label>
          <label class="field"><span>{draft.kind === 'whatsapp' ? 'Phone number ID' : 'Instagram account ID'}</span>
            <input required={!editing} readOnly={editing} value={draft.accountId} onInput={set('accountId')} />
          </label>
          <label class="field"><span>App secret</span><input type="password" autoComplete="off" required={!editing} placeholder={editing ? 'unchanged' : ''} value={draft.appSecret} onInput={set('appSecret')} /></label>
          <label class="field"><span>Access token</span><input type="password" autoComplete="off" required={!editing} placeholder={editing ? 'unchanged' : ''} value={draft.accessToken} onInput={set('accessToken')} /></label>
          <label class="field"><span>Verify token</span><input type="password" autoComplete="off" required={!editing} placeholder={editing ? 'unchanged' : ''} value={draft.verifyToken} onInput={set('verifyToken')} /></label>
          <label class="field"><span>A message after resolution</span>
            <select value={draft.afterResolved} onChange={set('afterResolved')}><option value="new-ticket">Opens a new ticket</option><option value="reopen">Reopens the ticket</option></select>
          </label>
          {error && <Notice tone="error">{error}</Notice>}
          <div class="row"><button class="button primary" type="submit">Save channel</button><button class="button ghost" type="button" onClick={() => setDraft(undefined)}>Cancel</button></div>
        </form>
      )}
      <table class="data">
        <caption class="visually-hidden">Channels</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Account</th><th scope="col">After resolution</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td><td>{KIND_LABEL[c.kind]}</td><td><code>{c.phoneNumberId ?? c.accountId}</code></td>
              <td>{c.afterResolved === 'reopen' ? 'Reopens' : 'New ticket'}</td>
              <td class="row">
                <button class="button small" type="button" onClick={() => setDraft({ ...fresh(), id: c.id, kind: c.kind, name: c.name, accountId: c.phoneNumberId ?? c.accountId ?? '', afterResolved: c.afterResolved })}>Edit<span class="visually-hidden"> {c.name}</span></button>
                <button class="button small ghost" type="button" onClick={() => void remove(c)}>Remove<span class="visually-hidden"> {c.name}</span></button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

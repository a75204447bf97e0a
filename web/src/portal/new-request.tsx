import { useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useApp } from '../core/app-context';
import { href, navigate } from '../core/router';
import type { TicketView } from '../core/types';
import { Notice } from '../ui/notice';

/** A customer files a request for themselves (the API takes the requester from the token). */
export function NewRequest() {
  const { api } = useApp();
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const { body } = await api.post<TicketView>('/v1/tickets', { subject, description }, { 'idempotency-key': crypto.randomUUID() });
      navigate(`/portal/tickets/${body.id}`);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="page narrow" aria-labelledby="new-title">
      <p class="crumbs"><a href={href('/portal')}>← My requests</a></p>
      <h1 id="new-title">New request</h1>
      <form class="card" onSubmit={submit}>
        <label class="field">
          <span>Subject</span>
          <input required maxLength={250} value={subject} onInput={(e) => setSubject((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>What happened?</span>
          <textarea required rows={6} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
        </label>
        {error && <Notice tone="error">{error}</Notice>}
        <button class="button primary" type="submit" disabled={busy}>Send request</button>
      </form>
    </section>
  );
}

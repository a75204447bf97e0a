import { useState } from 'preact/hooks';
import { describeError } from '../../core/api';
import { useApp } from '../../core/app-context';
import { href } from '../../core/router';
import { formatDate } from '../../core/time';
import type { SuspendedMailView } from '../../core/types';
import { EmptyState, Notice } from '../../ui/notice';
import { useAsync } from '../../ui/use-async';

export function SuspendedMailScreen() {
  const { api } = useApp();
  const list = useAsync(() => api.get<{ items: SuspendedMailView[] }>('/v1/suspended-mail', { limit: 50 }), []);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string; ticketId?: string }>();
  const recover = async (m: SuspendedMailView) => {
    try {
      const { body } = await api.post<{ ticketId: string; number: string; reply: boolean }>(`/v1/suspended-mail/${m.id}/recover`);
      setMessage({ tone: 'success', text: `${body.reply ? 'Added to' : 'Opened'} ${body.number}.`, ticketId: body.ticketId });
      void list.reload();
    } catch (err) {
      setMessage({ tone: 'error', text: describeError(err) });
    }
  };
  const remove = async (m: SuspendedMailView) => {
    try {
      await api.delete(`/v1/suspended-mail/${m.id}`);
      void list.reload();
    } catch (err) {
      setMessage({ tone: 'error', text: describeError(err) });
    }
  };
  return (
    <>
      {list.error && <Notice tone="error">{list.error}</Notice>}
      {message && <Notice tone={message.tone}>{message.text} {message.ticketId && <a href={href(`/tickets/${message.ticketId}`)}>Open it</a>}</Notice>}
      {list.data?.items.length === 0 && <EmptyState title="No suspended mail" />}
      <table class="data">
        <caption class="visually-hidden">Suspended mail</caption>
        <thead><tr><th scope="col">From</th><th scope="col">Subject</th><th scope="col">Reason</th><th scope="col">Received</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {(list.data?.items ?? []).map((m) => (
            <tr key={m.id}>
              <td>{m.fromName ?? ''} {m.from ?? ''}</td><td>{m.subject ?? '(no subject)'}</td><td title={m.detail}>{m.reason}</td>
              <td>{'receivedAt' in m ? formatDate(String((m as Record<string, unknown>).receivedAt)) : ''}</td>
              <td class="row">
                <button class="button small" type="button" onClick={() => void recover(m)}>Recover<span class="visually-hidden"> {m.subject}</span></button>
                <button class="button small danger" type="button" onClick={() => void remove(m)}>Delete<span class="visually-hidden"> {m.subject}</span></button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

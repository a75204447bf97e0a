import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../core/app-context';
import { Avatar } from '../ui/badges';

interface Person {
  userId: string;
  name?: string;
  role: string;
}

/**
 * Joins the ticket's room and marks this tab as viewing it; shows who else views it and who
 * is typing. Customers see staff as "Support" and no ids.
 */
export function usePresence(ticketId: string) {
  const { realtime } = useApp();
  const [viewers, setViewers] = useState<Person[]>([]);
  const [typing, setTyping] = useState<Record<string, Person & { internal?: boolean }>>({});
  useEffect(() => {
    const releaseRoom = realtime.hold(`room:${ticketId}`, { action: 'subscribe', ticketId }, { action: 'unsubscribe', ticketId });
    const releaseView = realtime.hold(`viewing:${ticketId}`, { action: 'viewing', ticketId, state: 'start' }, { action: 'viewing', ticketId, state: 'stop' });
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const off = realtime.on((frame) => {
      if (frame.data?.ticketId !== ticketId) return;
      if (frame.type === 'presence') setViewers(frame.data.viewers ?? []);
      if (frame.type === 'typing') {
        const who = frame.data as Person & { state: string; internal?: boolean };
        clearTimeout(timers.get(who.userId));
        setTyping((t) => {
          const next = { ...t };
          if (who.state === 'start') next[who.userId] = who;
          else delete next[who.userId];
          return next;
        });
        // A stop frame can be lost with its connection: forget a typist after a while.
        if (who.state === 'start') {
          timers.set(who.userId, setTimeout(() => setTyping((t) => {
            const { [who.userId]: _gone, ...rest } = t;
            return rest;
          }), 10_000));
        }
      }
      if (frame.type === 'ticket.message.added' || frame.type === 'ticket.note.added') {
        const actor = frame.data.actor?.id as string | undefined;
        if (actor) setTyping(({ [actor]: _done, ...rest }) => rest);
      }
    });
    return () => {
      off();
      releaseView();
      releaseRoom();
      for (const t of timers.values()) clearTimeout(t);
    };
  }, [realtime, ticketId]);
  return { viewers, typing: Object.values(typing) };
}

export function PresenceBar({ viewers, typing, audience }: { viewers: Person[]; typing: (Person & { internal?: boolean })[]; audience: 'staff' | 'customer' }) {
  const { session } = useApp();
  const label = (p: Person) => (audience === 'customer' && p.role !== 'customer' ? 'Support' : p.name ?? 'Someone');
  const others = viewers.filter((v) => v.userId !== session.userId);
  const typists = typing.filter((t) => t.userId !== session.userId);
  return (
    <div class="presence" aria-live="polite">
      {others.length > 0 && (
        <span class="viewers">
          <span class="muted">Also viewing:</span>
          {others.map((v) => <span key={v.userId} class="person" data-viewer={audience === 'staff' ? v.userId : undefined}><Avatar name={label(v)} size="sm" />{label(v)}</span>)}
        </span>
      )}
      {typists.map((t) => (
        <span key={t.userId} class="typing"><span class="typing-dots" aria-hidden="true"><i /><i /><i /></span>{label(t)} is {t.internal ? 'writing a note' : 'typing a reply'}…</span>
      ))}
    </div>
  );
}

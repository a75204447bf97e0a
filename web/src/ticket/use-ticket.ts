import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../core/api';
import { useApp } from '../core/app-context';
import type { TicketDetailView, TicketEventData } from '../core/types';

/**
 * A ticket with its thread, reloaded whenever an event about it arrives on the socket (a reply
 * from a colleague or the customer, a status change…), so the page never needs a manual refresh.
 */
export function useTicket(ticketId: string) {
  const { api, realtime } = useApp();
  const [ticket, setTicket] = useState<TicketDetailView>();
  const [error, setError] = useState<{ status?: number; text: string }>();
  const [live, setLive] = useState(false);
  const generation = useRef(0);
  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const data = await api.get<TicketDetailView>(`/v1/tickets/${ticketId}`);
      if (mine !== generation.current) return;
      setTicket((current) => (current && current.version > data.version ? current : data));
      setError(undefined);
    } catch (e) {
      if (mine === generation.current) setError({ status: (e as { status?: number }).status, text: describeError(e) });
    }
  }, [api, ticketId]);

  useEffect(() => {
    setTicket(undefined);
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = realtime.on((frame) => {
      const forThis = (frame.data as TicketEventData | undefined)?.ticketId === ticketId;
      // Joined the room (first time or after a reconnect): read again, so nothing between the
      // first read and the subscription is missed.
      if (frame.type === 'subscribed' && forThis) {
        setLive(true);
        void load();
        return;
      }
      if (!frame.type.startsWith('ticket.') || !forThis) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 100);
    });
    const offState = realtime.onState((state) => state !== 'open' && setLive(false));
    return () => {
      off();
      offState();
      clearTimeout(timer);
    };
  }, [load, realtime, ticketId]);

  return { ticket, error, live, reload: load, setTicket };
}

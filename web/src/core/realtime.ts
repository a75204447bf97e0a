import { REPEAT_DROPPED_MARK, SeenEvents, eventIdOf } from './seen-events';
import type { ServerFrame } from './types';

export type SocketState = 'connecting' | 'open' | 'offline';
type Listener = (frame: ServerFrame) => void;

/**
 * One WebSocket per tab. The token travels as a subprotocol beside `helpdesk` (browsers
 * cannot set Authorization on a WebSocket). Standing frames (subscribe, viewing) are kept and
 * sent again after a reconnect, so rooms and presence survive a dropped connection. Ticket
 * events come at least once: a repeated event id is dropped here, before any listener
 * (seen-events.ts), across reconnects too.
 */
export class Realtime {
  private socket?: WebSocket;
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<(state: SocketState) => void>();
  private readonly standing = new Map<string, object>();
  private readonly seen = new SeenEvents();
  private retry = 0;
  private closed = false;
  private pingTimer?: ReturnType<typeof setInterval>;
  state: SocketState = 'connecting';

  constructor(private readonly url: string, private readonly token: () => string) {}

  connect(): void {
    this.closed = false;
    this.setState('connecting');
    const socket = new WebSocket(this.url, ['helpdesk', this.token()]);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      this.setState('open');
      for (const frame of this.standing.values()) socket.send(JSON.stringify(frame));
      // API Gateway drops idle connections after 10 minutes.
      this.pingTimer = setInterval(() => this.send({ action: 'ping' }), 5 * 60_000);
    };
    socket.onmessage = (message) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (this.seen.repeats(frame)) {
        // A copy of an event this tab took (read by the browser tests).
        performance.mark(REPEAT_DROPPED_MARK, { detail: { id: eventIdOf(frame), type: frame.type } });
        return;
      }
      for (const listener of this.listeners) listener(frame);
    };
    socket.onclose = () => {
      clearInterval(this.pingTimer);
      if (this.socket !== socket) return;
      this.setState('offline');
      if (this.closed) return;
      const delay = Math.min(30_000, 500 * 2 ** this.retry++) * (0.5 + Math.random() / 2);
      setTimeout(() => !this.closed && this.connect(), delay);
    };
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  send(frame: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Sends a frame now and after every reconnect, until the returned function withdraws it (sending `undo`). */
  hold(key: string, frame: object, undo?: object): () => void {
    this.standing.set(key, frame);
    this.send(frame);
    return () => {
      if (this.standing.get(key) !== frame) return;
      this.standing.delete(key);
      if (undo) this.send(undo);
    };
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: SocketState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: SocketState) {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

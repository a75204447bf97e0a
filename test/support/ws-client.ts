import WebSocket from 'ws';
import { inject } from 'vitest';
import { EVENT_WAIT_MS, eventually } from './eventually';

export type Frame = { type: string; data: any };

/** A real WebSocket client of the runtime's WebSocket server, keeping every frame it receives. */
export class WsClient {
  readonly frames: Frame[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(data.toString())));
  }

  /** Connects with `?token=` (or, with `protocols`, the token inside Sec-WebSocket-Protocol). */
  static open(token: string | undefined, options: { protocols?: string[] } = {}): Promise<WsClient> {
    const wsUrl = String(inject('runtime').wsUrl);
    const url = token && !options.protocols ? `${wsUrl}?token=${encodeURIComponent(token)}` : wsUrl;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options.protocols);
      const client = new WsClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused: ${res.statusCode}`), { status: res.statusCode })));
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /**
   * The first frame (from `after` on) that matches; waits for it. Ticket events reach a socket
   * through the stream and the bus, so the wait is as long as any bus effect's.
   */
  async next(match: (frame: Frame) => boolean, after = 0, timeoutMs = EVENT_WAIT_MS): Promise<Frame> {
    return eventually(async () => {
      const found = this.frames.slice(after).find(match);
      if (!found) throw new Error(`no matching frame; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      return found;
    }, timeoutMs, 25);
  }

  /** Sends a frame and waits for the reply of the given type that arrives after it. */
  async request(frame: unknown, type: string | string[]): Promise<Frame> {
    const from = this.frames.length;
    this.send(frame);
    const types = Array.isArray(type) ? type : [type];
    return this.next((f) => types.includes(f.type), from);
  }

  /**
   * A ping answered by a pong: every frame the server posted to this connection before the ping
   * has arrived once this resolves (one connection's frames arrive in order). Call it before
   * asserting that a frame did NOT come, after something proved the server is past the point.
   */
  async flush(): Promise<void> {
    await this.request({ action: 'ping' }, 'pong');
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

export const ticketEvents = (client: WsClient, ticketId: string, type?: string) =>
  client.frames.filter((f) => f.data?.ticketId === ticketId && f.type.startsWith('ticket.') && (!type || f.type === type));

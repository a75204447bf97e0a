import WebSocket from 'ws';
import { inject } from 'vitest';
import { eventually } from './eventually';

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

  /** The first frame (from `after` on) that matches; waits for it. */
  async next(match: (frame: Frame) => boolean, after = 0, timeoutMs = 15_000): Promise<Frame> {
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

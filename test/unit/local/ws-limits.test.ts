import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WS_MAX_MESSAGE_BYTES, limitFrameSize } from '../../../bin/local/ws-limits';

/** Pins the ws receiver internals limitFrameSize relies on: a ws upgrade that changes them fails here. */
describe('API Gateway frame and message limits on a ws server', () => {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: WS_MAX_MESSAGE_BYTES });
  const errors: string[] = [];
  server.on('connection', (socket) => {
    limitFrameSize(socket);
    socket.on('error', (error) => errors.push(error.message));
    socket.on('message', (data) => socket.send(`echo ${(data as Buffer).length}`));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  const open = () => new Promise<WebSocket>((resolve) => {
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    client.once('open', () => resolve(client));
  });
  const closed = (client: WebSocket) => new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
  const reply = (client: WebSocket) => new Promise<string>((resolve) => client.once('message', (data) => resolve(String(data))));

  it('takes a 32 KB frame and a 128 KB message in 32 KB frames', async () => {
    const client = await open();
    let answer = reply(client);
    client.send('x'.repeat(32 * 1024));
    expect(await answer).toBe(`echo ${32 * 1024}`);
    answer = reply(client);
    for (let i = 0; i < 4; i++) client.send(Buffer.alloc(32 * 1024, 0x20), { fin: i === 3, binary: false });
    expect(await answer).toBe(`echo ${128 * 1024}`);
    client.close();
  });

  it('closes with 1009 on a frame over 32 KB, and on a message over 128 KB', async () => {
    const frame = await open();
    const frameClosed = closed(frame);
    frame.send('x'.repeat(32 * 1024 + 1));
    expect(await frameClosed).toBe(1009);
    const message = await open();
    const messageClosed = closed(message);
    for (let i = 0; i < 5; i++) message.send(Buffer.alloc(30 * 1024, 0x20), { fin: i === 4, binary: false });
    expect(await messageClosed).toBe(1009);
    expect(errors).toEqual(['Frame size exceeded', 'Max payload size exceeded']);
  });
});

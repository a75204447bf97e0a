import nodemailer from 'nodemailer';
import WebSocket from 'ws';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually';
import { api } from '../support/http-client';
import { WsClient } from '../support/ws-client';

const runtime = inject('runtime') as ReturnType<typeof inject<'runtime'>> & { smtpPort: number; supportAddress: string };
const ROLES = ['admin', 'supervisor', 'agent', 'agent2', 'customer', 'customer2'] as const;
const FRAMES = 2_000;
const open: WsClient[] = [];
const connect = async (token: string) => {
  const client = await WsClient.open(token);
  open.push(client);
  return client;
};
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

/** Frames a hostile client sends that the server must answer with an error frame, connection open. */
const HOSTILE: (string | Buffer)[] = [
  '{"action":"constructor"}', '{"action":"__proto__"}', '{"action":"toString"}', '{"action":"hasOwnProperty"}',
  '{"action":"valueOf","ticketId":"x"}', '{"action":"__defineGetter__"}', '{"__proto__":{"action":"ping"}}',
  '{"action":"subscribe","ticketId":{"__proto__":null}}', 'not json', '[]', 'null', '"ping"', '{"action":7}',
  `{"action":"typing","ticketId":"${'x'.repeat(20_000)}"}`, JSON.stringify({ action: 'read', nested: JSON.parse('['.repeat(500) + ']'.repeat(500)) }),
  Buffer.from([0xff, 0xfe, 0x00, 0x01]),
];

const closeCode = (client: WsClient) =>
  new Promise<number>((resolve) => {
    if (client.socket.readyState === WebSocket.CLOSED) return resolve(-1);
    client.socket.once('close', (code) => resolve(code));
  });

describe('hostile WebSocket input', () => {
  it('answers prototype-member actions with an error frame, never a crash', async () => {
    const client = await connect(runtime.tokens.agent);
    for (const action of ['constructor', '__proto__', 'toString']) {
      const frame = await client.request({ action }, 'error');
      expect(frame.data).toMatchObject({ code: 'unknown-action', action });
    }
    expect((await client.request({ action: 'ping' }, 'pong')).type).toBe('pong');
  });

  it('closes only the sender of a frame over 32 KB or a message over 128 KB with 1009', async () => {
    const bystander = await connect(runtime.tokens.agent2);
    const big = await connect(runtime.tokens.agent);
    const closedBig = closeCode(big);
    big.socket.send(JSON.stringify({ action: 'ping', pad: 'x'.repeat(200 * 1024) }));
    expect(await closedBig).toBe(1009);

    const frame = await connect(runtime.tokens.customer);
    const closedFrame = closeCode(frame);
    frame.socket.send(JSON.stringify({ action: 'ping', pad: 'x'.repeat(40 * 1024) }));
    expect(await closedFrame).toBe(1009);

    // 5 frames of 30 KB each, one message of 150 KB: every frame is legal, the message is not.
    const fragmented = await connect(runtime.tokens.customer2);
    const closedFragments = closeCode(fragmented);
    for (let i = 0; i < 5; i++) fragmented.socket.send(Buffer.alloc(30 * 1024, 0x20), { fin: i === 4, binary: false });
    expect(await closedFragments).toBe(1009);

    expect((await bystander.request({ action: 'ping' }, 'pong')).type).toBe('pong');
  });

  it(`survives ${FRAMES} hostile frames over six connections of every role; everything else still serves`, async () => {
    const bystanders = await Promise.all([connect(runtime.tokens.agent), connect(runtime.tokens.customer)]);
    const attackers = await Promise.all(ROLES.map((role) => connect(runtime.tokens[role])));
    const perConnection = Math.ceil(FRAMES / attackers.length);
    for (const [index, attacker] of attackers.entries()) {
      for (let i = 0; i < perConnection; i++) attacker.send(HOSTILE[(index + i) % HOSTILE.length]);
    }
    // Every hostile frame gets its error frame; each connection stays open until it goes too far.
    await eventually(async () => {
      for (const attacker of attackers) expect(attacker.frames.filter((f) => f.type === 'error').length).toBe(perConnection);
    }, 90_000, 200);
    expect(attackers.every((a) => a.socket.readyState === WebSocket.OPEN)).toBe(true);
    const closes = attackers.map(closeCode);
    for (const attacker of attackers) attacker.socket.send('x'.repeat(64 * 1024));
    expect(await Promise.all(closes)).toEqual(attackers.map(() => 1009));

    for (const bystander of bystanders) expect((await bystander.request({ action: 'ping' }, 'pong')).type).toBe('pong');
    const late = await connect(runtime.tokens.supervisor);
    expect((await late.request({ action: 'ping' }, 'pong')).type).toBe('pong');
    expect((await api(runtime.tokens.agent).get('/v1/tickets?limit=1')).status).toBe(200);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: runtime.smtpPort, secure: false, ignoreTLS: true });
    const sent = await transport.sendMail({ from: 'hostile@example.com', to: runtime.supportAddress, subject: 'still here', text: 'after the storm' });
    expect(sent.response).toMatch(/^250 /);
  });
});

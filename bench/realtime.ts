import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import WebSocket from 'ws';
import type { RuntimeContract } from '../bin/local/runtime';
import { FAN_OUT_CONCURRENCY, postFrames } from '../functions/adapters/connection-poster.apigw';
import { ms, summarise } from './stats';

/** Loopback only, bounded: 100 clients, BENCH_REALTIME_SAMPLES writes (default 50), 20 fan-out rounds. */
const CLIENTS = 100;
const SAMPLES = Number(process.env.BENCH_REALTIME_SAMPLES ?? 50);
const FAN_OUT_ROUNDS = 20;
const WAIT_MS = 30_000;

type Frame = { type: string; data: any };

/**
 * Real time, against the running local runtime: (1) time from an HTTP write (create a ticket)
 * to its `ticket.created` frame at each of 100 WebSocket clients subscribed to the ticket list,
 * p50/p99, beside the HTTP write alone; (2) fan-out posts per second that the local
 * `@connections` API holds when posted to as the broadcaster does (the real
 * ApiGatewayManagementApiClient, 16 in flight). Rows: measure, p50 / p99, baseline, ratio, target, verdict.
 */
export async function benchRealtime(contract: RuntimeContract): Promise<string[][]> {
  const wsUrl = String(contract.wsUrl);
  const token = contract.tokens.agent;
  const sockets: WebSocket[] = [];
  const listeners = new Set<(frame: Frame, client: number) => void>();
  try {
    for (let batch = 0; batch < CLIENTS; batch += 20) {
      await Promise.all(Array.from({ length: Math.min(20, CLIENTS - batch) }, (_, i) => open(`${wsUrl}?token=${token}`, batch + i)));
    }
    const ids = await Promise.all(sockets.map((_, i) => request(i, { action: 'ping' }, 'pong').then((f) => f.data.connectionId as string)));
    await Promise.all(sockets.map((_, i) => request(i, { action: 'subscribe', topic: 'tickets' }, 'subscribed')));

    // 1. HTTP write → frame at every client.
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const perClient: number[] = [];
    const lastClient: number[] = [];
    const firstClient: number[] = [];
    const httpOnly: number[] = [];
    for (let i = -5; i < SAMPLES; i++) { // 5 warm-up writes
      const subject = `Realtime bench ${process.pid}-${i}`;
      const arrivals = waitForAll((frame) => frame.type === 'ticket.created' && frame.data.ticket?.subject === subject);
      const start = performance.now();
      const res = await fetch(`${contract.httpUrl}/v1/tickets`, {
        method: 'POST', headers,
        body: JSON.stringify({ subject, description: 'Realtime benchmark', priority: 'low', requester: { email: 'bench-rt@example.com' } }),
      });
      const written = performance.now() - start;
      if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
      const times = (await arrivals).map((t) => t - start);
      if (i < 0) continue;
      httpOnly.push(written);
      perClient.push(...times);
      lastClient.push(Math.max(...times));
      firstClient.push(Math.min(...times));
    }

    // 2. Fan-out posts per second through the local @connections API.
    const client = new ApiGatewayManagementApiClient({
      endpoint: String(contract.wsManagementUrl), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1,
    });
    const payload = { type: 'bench', data: { pad: 'x'.repeat(1024) } };
    const posts = Array.from({ length: FAN_OUT_ROUNDS }, () => ids.map((connectionId) => ({ connectionId, frame: payload }))).flat();
    let received = 0;
    const allReceived = new Promise<void>((resolve) => {
      listeners.add((frame) => {
        if (frame.type === 'bench' && ++received === posts.length) resolve();
      });
    });
    const fanStart = performance.now();
    const outcome = await postFrames(client, posts, FAN_OUT_CONCURRENCY);
    await withTimeout(allReceived, 'fan-out frames');
    const fanSeconds = (performance.now() - fanStart) / 1000;
    client.destroy();
    if (outcome.sent !== posts.length) throw new Error(`fan-out: ${outcome.gone.length} gone, ${outcome.failed.length} failed`);

    const http = summarise(httpOnly);
    const last = summarise(lastClient);
    const each = summarise(perClient);
    const first = summarise(firstClient);
    const pair = (s: { p50: number; p99: number }) => `${ms(s.p50)} / ${ms(s.p99)}`;
    return [
      [`HTTP write → ticket.created at all ${CLIENTS} WebSocket clients (last arrival)`, pair(last), pair(http), (last.p50 / http.p50).toFixed(2), '—', ''],
      [`HTTP write → ticket.created at one client (each of ${CLIENTS}; first p50 ${ms(first.p50)})`, pair(each), pair(http), (each.p50 / http.p50).toFixed(2), '—', ''],
      [
        `fan-out posts/s via @connections (${posts.length} posts, ${FAN_OUT_CONCURRENCY} in flight, 1 KiB frames)`,
        `${Math.round(posts.length / fanSeconds)} posts/s (${fanSeconds.toFixed(2)} s)`, '—', '—', '—', '',
      ],
    ];
  } finally {
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) return resolve();
      socket.once('close', () => resolve());
      socket.close();
    })));
  }

  function open(url: string, index: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      sockets[index] = socket;
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as Frame;
        for (const listener of listeners) listener(frame, index);
      });
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
  }

  function request(index: number, frame: unknown, type: string): Promise<Frame> {
    const reply = new Promise<Frame>((resolve) => {
      const listener = (f: Frame, from: number) => {
        if (from === index && f.type === type) {
          listeners.delete(listener);
          resolve(f);
        }
      };
      listeners.add(listener);
    });
    sockets[index].send(JSON.stringify(frame));
    return withTimeout(reply, `${type} reply`);
  }

  /** Resolves with each client's arrival time (performance.now()) of the first matching frame. */
  function waitForAll(match: (frame: Frame) => boolean): Promise<number[]> {
    const times = new Array<number | undefined>(sockets.length).fill(undefined);
    let count = 0;
    return withTimeout(new Promise<number[]>((resolve) => {
      const listener = (frame: Frame, from: number) => {
        if (times[from] !== undefined || !match(frame)) return;
        times[from] = performance.now();
        if (++count === sockets.length) {
          listeners.delete(listener);
          resolve(times as number[]);
        }
      };
      listeners.add(listener);
    }), 'ticket.created at every client');
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`realtime bench: no ${what} within ${WAIT_MS} ms`)), WAIT_MS); }),
  ]);
}


import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RuntimeContract } from '../bin/local/runtime';
import { ms, summarise } from './stats';

const SAMPLES = Number(process.env.BENCH_EVENT_SAMPLES ?? 50);

/**
 * Write-to-event-delivery in the local runtime: from an HTTP create to the signed webhook POST
 * of its `ticket.created` event arriving at a server on this machine (stream → pump → rule →
 * fan-out, which commits the delivery with its outbox job → stream → pump → queue → dispatcher),
 * beside the HTTP write alone.
 */
export async function benchEventDelivery(contract: RuntimeContract): Promise<string[][]> {
  const waiting = new Map<string, (at: number) => void>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(204).end();
      const subject = (JSON.parse(body) as { data?: { ticket?: { subject?: string } } }).data?.ticket?.subject;
      if (subject) waiting.get(subject)?.(at);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const call = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${contract.httpUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then(async (res) => {
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ id: string }>;
    });
  const hook = await call(contract.tokens.admin, 'POST', '/v1/webhooks', { url, events: ['ticket.created'] });
  const delivery: number[] = [];
  const write: number[] = [];
  try {
    for (let i = -5; i < SAMPLES; i++) {
      const subject = `Delivery bench ${process.pid}-${i}`;
      const arrived = new Promise<number>((resolve, reject) => {
        waiting.set(subject, resolve);
        setTimeout(() => reject(new Error(`no webhook for ${subject} within 30 s`)), 30_000).unref();
      });
      const start = performance.now();
      await call(contract.tokens.agent, 'POST', '/v1/tickets', { subject, description: 'x', requester: { email: 'bench-ev@example.com' } });
      const written = performance.now() - start;
      const at = await arrived;
      waiting.delete(subject);
      if (i < 0) continue;
      write.push(written);
      delivery.push(at - start);
    }
  } finally {
    await fetch(`${contract.httpUrl}/v1/webhooks/${hook.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${contract.tokens.admin}` } });
    server.close();
  }
  const [d, w] = [summarise(delivery), summarise(write)];
  return [[`HTTP write → its event delivered as a signed webhook (${SAMPLES} samples)`, `${ms(d.p50)} / ${ms(d.p99)}`, `${ms(w.p50)} / ${ms(w.p99)} write`, (d.p50 / w.p50).toFixed(2), '—', '']];
}

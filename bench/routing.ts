import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { RuntimeContract } from '../bin/local/runtime';
import { ms, summarise } from './stats';

const SAMPLES = Number(process.env.BENCH_ROUTING_SAMPLES ?? 50);

/**
 * Routing time in the local runtime: from an HTTP create to its `ticket.assigned` frame on an
 * admin's WebSocket (stream → pump → router → assignment transaction → stream → broadcaster),
 * round robin over three available agents of a department, beside the HTTP write alone.
 */
export async function benchRouting(contract: RuntimeContract): Promise<string[][]> {
  const team = contract.teamOrg as { tokens: Record<string, string> };
  const token = team.tokens.admin!;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${contract.httpUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  const run = randomUUID().slice(0, 6);
  const department = await call('POST', '/v1/departments', { name: `Bench ${run}` });
  for (let i = 0; i < 3; i++) {
    await call('PUT', `/v1/users/bench-${run}-${i}`, {
      email: `bench-${run}-${i}@example.com`, name: `Bench ${i}`, role: 'agent', departmentIds: [department.id], capacity: 1000,
    });
  }
  await call('PUT', '/v1/routing', { rules: [{ name: 'bench', when: { tags: [`bench-${run}`] }, departmentId: department.id, strategy: 'round_robin' }] });

  const ws = new WebSocket(`${String(contract.wsUrl)}?token=${encodeURIComponent(token)}`);
  // A frame may come before the create's reply: keep arrivals as well as waiters.
  const arrived = new Map<string, number>();
  const assignedAt = new Map<string, (at: number) => void>();
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as { type: string; data?: { ticketId?: string } };
    if (frame.type !== 'ticket.assigned' || !frame.data?.ticketId) return;
    const now = performance.now();
    arrived.set(frame.data.ticketId, now);
    assignedAt.get(frame.data.ticketId)?.(now);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  await new Promise<void>((resolve) => {
    ws.once('message', () => resolve());
    ws.send(JSON.stringify({ action: 'subscribe', topic: 'tickets' }));
  });

  const routed: number[] = [];
  const write: number[] = [];
  try {
    for (let i = -5; i < SAMPLES; i++) {
      const start = performance.now();
      const ticket = await call('POST', '/v1/tickets', {
        subject: `Routing bench ${i}`, description: 'x', tags: [`bench-${run}`], requester: { email: 'bench-routing@example.com' },
      });
      const written = performance.now() - start;
      const at = arrived.get(ticket.id) ?? await new Promise<number>((resolve, reject) => {
        assignedAt.set(ticket.id, resolve);
        setTimeout(() => reject(new Error(`ticket ${ticket.id} not routed within 60 s`)), 60_000).unref();
      });
      assignedAt.delete(ticket.id);
      if (i < 0) continue;
      write.push(written);
      routed.push(at - start);
    }
  } finally {
    await call('PUT', '/v1/routing', { rules: [] }).catch(() => undefined);
    ws.close();
  }
  const [r, w] = [summarise(routed), summarise(write)];
  return [[`HTTP create → assigned by routing, round robin (${SAMPLES} samples)`, `${ms(r.p50)} / ${ms(r.p99)}`, `${ms(w.p50)} / ${ms(w.p99)} write`, (r.p50 / w.p50).toFixed(2), '—', '']];
}

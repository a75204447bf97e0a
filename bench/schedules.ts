import type { RuntimeContract } from '../bin/local/runtime';

const LIFECYCLES = Number(process.env.BENCH_SLA_LIFECYCLES ?? 10);

/**
 * Schedules the SLA planner creates and deletes per ticket lifecycle (create high, three
 * replies, wait on the customer, resume, resolve, close), read from the local scheduler's
 * counters once the bus has settled. The cost model of EventBridge Scheduler calls.
 */
export async function benchSchedules(contract: RuntimeContract): Promise<string[][]> {
  const call = (token: string) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${contract.httpUrl}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return { body: (await res.json().catch(() => undefined)) as any, etag: res.headers.get('etag') ?? '' };
  };
  const agent = call(contract.tokens.agent);
  const customer = call(contract.tokens.customer);
  const counters = async () => (await agent('GET', '/v1/dev/schedules')).body.counters as { created: number; deleted: number };
  const settled = async () => {
    let last = JSON.stringify(await counters());
    for (let still = 0; still < 10; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = JSON.stringify(await counters());
      still = now === last ? still + 1 : 0;
      last = now;
    }
    return JSON.parse(last) as { created: number; deleted: number };
  };
  const before = await settled();
  for (let i = 0; i < LIFECYCLES; i++) {
    // Staff open it for the customer: customers may open only 10 tickets an hour (the create limit).
    const { body: ticket } = await agent('POST', '/v1/tickets', {
      subject: `SLA bench ${i}`, description: 'x', priority: 'high', requester: { email: contract.users.customer.email },
    });
    const path = `/v1/tickets/${ticket.id}`;
    await agent('POST', `${path}/messages`, { body: 'Looking' });
    await customer('POST', `${path}/messages`, { body: 'Thanks' });
    await agent('POST', `${path}/messages`, { body: 'Please try again' });
    const steps = [{ status: 'waiting_on_customer' }, { status: 'in_progress' }, { status: 'resolved', resolution: 'Fixed' }, { status: 'closed' }];
    for (const step of steps) {
      const current = await agent('GET', path);
      await agent('PATCH', path, step, { 'if-match': current.etag });
    }
  }
  const after = await settled();
  const per = (n: number) => (n / LIFECYCLES).toFixed(1);
  return [
    [`SLA schedules per ticket lifecycle (${LIFECYCLES} lifecycles)`, `created ${per(after.created - before.created)}`, `deleted ${per(after.deleted - before.deleted)}`, '', '', ''],
  ];
}

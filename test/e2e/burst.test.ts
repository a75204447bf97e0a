import { describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually';
import { api, newTicket } from '../support/http-client';

describe('a burst of creates in one organization', () => {
  it('takes 200 creates with 32 in flight: all 201, 200 distinct increasing numbers, no 5xx', async () => {
    const agent = api(inject('runtime').tokens.agent);
    const statuses: number[] = [];
    const numbers: number[] = [];
    const ids: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < 200) {
        const i = next++;
        const res = await agent.post('/v1/tickets', newTicket({ subject: `Outage mail ${i}` }));
        statuses.push(res.status);
        if (res.status === 201) {
          numbers.push(Number(res.body.number.slice(-6)));
          ids.push(res.body.id);
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(new Set(numbers).size).toBe(200);
    // The runtime is shared with the files after this one: let the bus consumers take the burst's
    // events (the assistant annotates each new ticket, one of the last to run) before going on.
    await eventually(async () => {
      const { body } = await agent.get(`/v1/tickets/${ids.at(-1)}`);
      expect(body.assist).toBeDefined();
    }, 240_000, 1000);
  }, 360_000);
});

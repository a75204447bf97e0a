import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/http-client';

const runtime = inject('runtime');
const admin = api(runtime.tokens.admin);
const run = randomUUID().slice(0, 8);

/** Customers' entries: they take no part in routing, so the demo organization's queues stay as they were. */
const entry = (email: string, name: string) => ({ email, name, role: 'customer', active: true });
const directory = async () => (await admin.get('/v1/users')).body.items as { id: string; email: string }[];

describe('one email per directory entry, over HTTP', () => {
  it('answers 409 naming #/email for an address another entry holds, and the address is free once its holder changes it', async () => {
    const [first, second] = [`dir-${run}-1`, `dir-${run}-2`];
    const address = `shared-${run}@example.com`;
    expect((await admin.put(`/v1/users/${first}`, entry(address, 'First'))).status).toBe(200);

    const taken = await admin.put(`/v1/users/${second}`, entry(address.toUpperCase(), 'Second'));
    expect(taken.status).toBe(409);
    expect(taken.headers.get('content-type')).toBe('application/problem+json');
    expect(taken.body).toMatchObject({ type: 'https://helpdesk.dev/problems/email-taken', status: 409, errors: [{ pointer: '#/email', detail: 'taken' }] });
    expect((await directory()).some((u) => u.id === second)).toBe(false);

    expect((await admin.put(`/v1/users/${first}`, entry(`moved-${run}@example.com`, 'First'))).status).toBe(200);
    expect((await admin.put(`/v1/users/${second}`, entry(address, 'Second'))).status).toBe(200);
    const emails = Object.fromEntries((await directory()).map((u) => [u.id, u.email]));
    expect([emails[first], emails[second]]).toEqual([`moved-${run}@example.com`, address]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../../../functions/domain/caller';
import { runToolCall, runToolCalls } from '../../../../functions/domain/ai-tools/run-tool-calls';
import type { Deps } from '../../../../functions/domain/store/store';

const customer: Caller = { orgId: 'org_1', userId: 'u1', email: 'c@example.com', role: 'customer' };
/** A store that fails every call: what reaches it is an unexpected failure. */
const broken = { store: new Proxy({}, { get: () => { throw new Error('table unavailable'); } }), now: () => new Date(), newId: () => 'id' } as unknown as Deps;

describe('runToolCall', () => {
  it('answers bad JSON, unknown tools and invalid arguments without touching the store', async () => {
    expect(await runToolCall(broken, customer, 'create_ticket_report', '{oops')).toEqual({ success: false, error: 'the arguments are not valid JSON' });
    expect(await runToolCall(broken, customer, 'rm_rf', '{}')).toMatchObject({ success: false, error: expect.stringContaining('unknown tool rm_rf') });
    expect(await runToolCall(broken, customer, '__proto__', '{}')).toMatchObject({ success: false });
    const invalid = await runToolCall(broken, customer, 'create_ticket_report', { subject: 'x', category: 'nope' });
    expect(invalid).toMatchObject({ success: false, error: expect.stringMatching(/^invalid arguments: description: .*; category: /) });
  });

  it('refuses staff-only arguments from customers as an output', async () => {
    expect(await runToolCall(broken, customer, 'get_ticket_information', { requester_email: 'x@example.com' }))
      .toMatchObject({ success: false, error: expect.stringContaining('requester_email is for staff tokens') });
  });

  it('turns an unexpected failure into a generic output and reports it', async () => {
    const onUnexpected = vi.fn();
    const out = await runToolCall(broken, customer, 'search_tickets', '', onUnexpected);
    expect(out).toEqual({ success: false, error: 'the tool failed unexpectedly; try again later' });
    expect(onUnexpected).toHaveBeenCalledWith(expect.objectContaining({ message: 'table unavailable' }));
  });

  it('answers every call of a batch in order, as JSON strings', async () => {
    const outputs = await runToolCalls(broken, customer, [
      { id: 'a', type: 'function', function: { name: 'x', arguments: '{}' } },
      { id: 'b', type: 'function', function: { name: 'add_reply', arguments: '[]' } },
    ]);
    expect(outputs.map((o) => o.tool_call_id)).toEqual(['a', 'b']);
    expect(outputs.map((o) => JSON.parse(o.output).success)).toEqual([false, false]);
  });
});

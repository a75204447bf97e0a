import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../../../schemas/realtime';

const ok = (raw: string) => {
  const result = parseClientFrame(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.frame;
};
const err = (raw: string | null) => {
  const result = parseClientFrame(raw);
  if (result.ok) throw new Error('expected an error');
  return result.error;
};

describe('client frames', () => {
  it('reads every action of the contract', () => {
    expect(ok('{"action":"subscribe","topic":"tickets"}')).toEqual({ action: 'subscribe', topic: 'tickets' });
    expect(ok('{"action":"subscribe","topic":"tickets","filter":{"status":"open","assigneeId":"unassigned"}}'))
      .toEqual({ action: 'subscribe', topic: 'tickets', filter: { status: 'open', assigneeId: 'unassigned' } });
    expect(ok('{"action":"subscribe","ticketId":"01J"}')).toEqual({ action: 'subscribe', ticketId: '01J' });
    expect(ok('{"action":"unsubscribe","ticketId":"01J"}')).toEqual({ action: 'unsubscribe', ticketId: '01J' });
    expect(ok('{"action":"unsubscribe","topic":"tickets"}')).toEqual({ action: 'unsubscribe', topic: 'tickets' });
    expect(ok('{"action":"typing","ticketId":"01J","state":"start"}')).toEqual({ action: 'typing', ticketId: '01J', state: 'start' });
    expect(ok('{"action":"viewing","ticketId":"01J"}')).toEqual({ action: 'viewing', ticketId: '01J', state: 'start' });
    expect(ok('{"action":"read","ticketId":"01J","messageId":"01K"}')).toEqual({ action: 'read', ticketId: '01J', messageId: '01K' });
    expect(ok('{"action":"ping"}')).toEqual({ action: 'ping' });
  });

  it('calls non-JSON, non-objects and empty frames malformed', () => {
    expect(err('hello').code).toBe('malformed-frame');
    expect(err('[1,2]').code).toBe('malformed-frame');
    expect(err('null').code).toBe('malformed-frame');
    expect(err('').code).toBe('malformed-frame');
    expect(err(null).code).toBe('malformed-frame');
    expect(err(JSON.stringify({ action: 'ping', pad: 'x'.repeat(40_000) })).code).toBe('malformed-frame');
  });

  it('names an unknown action', () => {
    expect(err('{"action":"explode"}')).toMatchObject({ code: 'unknown-action', action: 'explode' });
    expect(err('{"topic":"tickets"}')).toMatchObject({ code: 'unknown-action' });
  });

  it('points at the fields of an invalid frame', () => {
    const error = err('{"action":"typing","ticketId":"01J","state":"sideways"}');
    expect(error).toMatchObject({ code: 'invalid-frame', action: 'typing' });
    expect(error.errors?.map((e) => e.pointer)).toContain('#/state');
    expect(err('{"action":"subscribe","topic":"tickets","filter":{"status":"bogus"}}').code).toBe('invalid-frame');
    expect(err('{"action":"subscribe","ticketId":"../etc"}').code).toBe('invalid-frame');
    expect(err('{"action":"subscribe"}').code).toBe('invalid-frame');
    expect(err('{"action":"read","ticketId":"01J"}').code).toBe('invalid-frame');
    expect(err('{"action":"ping","extra":1}').code).toBe('invalid-frame');
  });
});

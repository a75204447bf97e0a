import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../../functions/domain/errors';
import { positionOf, positionText } from '../../../../functions/domain/tickets/list-across-statuses';

describe('the whole-organization list cursor: a place in the update order', () => {
  it('reads back the position it wrote', () => {
    const position = { updatedAt: '2026-12-07T11:00:00.000Z', ticketId: '01JEXAMPLE' };
    expect(positionOf(positionText(position))).toEqual(position);
  });

  it.each([
    ['not JSON', 'x'],
    ['an ElectroDB cursor of the index the list used to read', 'eyJwayI6IiRoZWxwZGVzayJ9'],
    ['a time that is not one', '["yesterday","01J"]'],
    ['an id with key syntax in it', '["2026-12-07T11:00:00.000Z","01J#status_open"]'],
    ['a missing id', '["2026-12-07T11:00:00.000Z"]'],
  ])('refuses %s', (_, text) => {
    expect(() => positionOf(text)).toThrow(InvalidCursorError);
  });
});

import { describe, expect, it } from 'vitest';
import { parseInstagram } from '../../../../functions/domain/meta/parse-instagram';
import { metaTime } from '../../../../functions/domain/meta/read-json';
import { corpusFiles, fillInstagram } from '../../../support/meta-corpus';

const at = new Date('2026-11-29T12:00:00Z');

describe('Meta timestamps', () => {
  it('reads epoch seconds and milliseconds, as numbers or strings, and ISO with a colon-less offset', () => {
    expect(metaTime(1527459824)?.toISOString()).toBe('2018-05-27T22:23:44.000Z');
    expect(metaTime('1527459824')?.toISOString()).toBe('2018-05-27T22:23:44.000Z');
    expect(metaTime(1661141837537)?.toISOString()).toBe('2022-08-22T04:17:17.537Z');
    expect(metaTime('1661141837537')?.toISOString()).toBe('2022-08-22T04:17:17.537Z');
    expect(metaTime('2021-09-08T06:34:04+0000')?.toISOString()).toBe('2021-09-08T06:34:04.000Z');
    expect(metaTime('2021-09-08T08:34:04+02:00')?.toISOString()).toBe('2021-09-08T06:34:04.000Z');
    expect(metaTime('yesterday')).toBeUndefined();
    expect(metaTime(undefined)).toBeUndefined();
  });
});

describe('parseInstagram over the corpus', () => {
  it.each(corpusFiles('instagram').map((c) => [c.file, c.text]))('%s', (_file, text) => {
    const events = parseInstagram(JSON.parse(fillInstagram(text, '178', '555')), at);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.externalId).toBe('178');
    if (event.type === 'message') {
      expect(event.contact.id).toBe(JSON.parse(fillInstagram(text, '178', '555')).entry[0].messaging?.[0]?.sender.id ?? '555');
      expect(event.at).not.toBe(at.toISOString());
    }
  });

  it('reads postbacks, reactions, story replies and echoes', () => {
    const body = (item: object) => ({ object: 'instagram', entry: [{ id: '178', time: 1700000000000, messaging: [{ sender: { id: '9' }, recipient: { id: '178' }, timestamp: 1700000000000, ...item }] }] });
    expect(parseInstagram(body({ postback: { mid: 'p1', title: 'Talk to a human', payload: 'HUMAN' } }), at)[0]).toMatchObject({ type: 'message', messageType: 'postback', text: 'Talk to a human' });
    expect(parseInstagram(body({ reaction: { mid: 'm1', action: 'react', emoji: '❤' } }), at)[0]).toMatchObject({ type: 'message', messageType: 'reaction', text: 'Reacted ❤' });
    expect(parseInstagram(body({ message: { mid: 'm2', text: 'nice', reply_to: { story: { url: 'https://cdn/s', id: 's1' } } } }), at)[0]).toMatchObject({ messageType: 'story_reply', text: 'nice' });
    expect(parseInstagram(body({ message: { mid: 'm3', text: 'ours', is_echo: true } }), at)[0]).toMatchObject({ type: 'other', field: 'message_echo' });
    expect(parseInstagram(body({ read: { mid: 'out-1' } }), at)[0]).toMatchObject({ type: 'status', status: 'read', metaMessageId: 'out-1' });
  });
});

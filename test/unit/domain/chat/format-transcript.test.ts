import { describe, expect, it } from 'vitest';
import { formatTranscript, transcriptTime } from '../../../../functions/domain/chat/format-transcript';
import { subjectOfChat } from '../../../../functions/domain/chat/create-ticket-from-chat';

describe('chat transcript (seed 004 format)', () => {
  it('writes one paragraph per message: [MMM dd, yyyy HH:mm] Role: text, in UTC', () => {
    expect(formatTranscript([
      { role: 'customer', at: '2026-01-05T08:03:00+01:00', text: 'Hi' },
      { role: 'bot', at: '2026-01-05T07:03:30Z', text: 'Hello!' },
      { role: 'agent', at: '2026-12-31T23:59:59Z', text: 'Here', attachmentIds: ['A1', 'B2'] },
    ])).toBe('[Jan 05, 2026 07:03] Customer: Hi\n\n[Jan 05, 2026 07:03] Bot: Hello!\n\n[Dec 31, 2026 23:59] Agent: Here [attachments: A1, B2]');
    expect(transcriptTime('2026-11-29T13:05:00Z')).toBe('Nov 29, 2026 13:05');
  });

  it('takes the first customer line as the default subject, shortened', () => {
    const base = { chatId: 'c1', requester: { email: 'a@b.co' }, priority: 'medium' as const };
    expect(subjectOfChat({ ...base, transcript: [{ role: 'bot', at: '2026-01-01T00:00:00Z', text: 'Welcome' }, { role: 'customer', at: '2026-01-01T00:00:01Z', text: 'Refund   please\nmore' }] }))
      .toBe('Refund please');
    expect(subjectOfChat({ ...base, transcript: [{ role: 'customer', at: '2026-01-01T00:00:00Z', text: 'x'.repeat(200) }] })).toHaveLength(80);
    expect(subjectOfChat({ ...base, transcript: [{ role: 'bot', at: '2026-01-01T00:00:00Z', text: '' }] })).toBe('Chat c1');
  });
});

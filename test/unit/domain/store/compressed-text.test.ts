import { describe, expect, it } from 'vitest';
import { MAIL_SIZED } from '../../../../bench/mail-sized-texts';
import { decodeText, encodeText } from '../../../../functions/domain/store/compressed-text';

describe('long text as stored', () => {
  it('deflates a mail-sized text to under half its bytes and reads it back exactly', () => {
    const stored = encodeText(MAIL_SIZED.description);
    expect(stored).toBeInstanceOf(Uint8Array);
    expect((stored as Uint8Array).length).toBeLessThan(Buffer.byteLength(MAIL_SIZED.description) / 2);
    expect(decodeText(stored)).toBe(MAIL_SIZED.description);
  });

  it('keeps every character of text in any script, HTML and emoji included', () => {
    const text = `<p>Grüße aus Köln — 東京の天気は晴れ 🌤️ שלום</p>\r\n${'<td style="padding:0">x</td>'.repeat(40)}`;
    expect(decodeText(encodeText(text))).toBe(text);
  });

  it('leaves short text and absent values as they are', () => {
    expect(encodeText('Thanks')).toBe('Thanks');
    expect(encodeText('x'.repeat(255))).toBe('x'.repeat(255));
    expect(encodeText(undefined)).toBeUndefined();
    expect(encodeText('')).toBe('');
  });

  it('reads a string stored before the codec as it is, and refuses a format it does not know', () => {
    expect(decodeText('stored as a string')).toBe('stored as a string');
    expect(decodeText(undefined)).toBeUndefined();
    expect(() => decodeText(new Uint8Array([7, 0]))).toThrow(/unreadable stored text: format 7/);
  });
});

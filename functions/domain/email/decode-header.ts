import { decodeCharset, decodeWith, hasJisEscapes } from './decode-charset';
import { decodeUnlabelled, isUnlabelled8bit } from './raw-headers';

// RFC 2047 encoded words in any charset iconv-lite or encoding-japanese knows, plus the
// headers real mailers write without encoding: raw ISO-2022-JP (7-bit escape sequences)
// and raw 8-bit bytes in some charset the message declares or chardet finds.

const WORD = /=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=/g;
const WORD_RUN = /=\?[^?\s]+\?[QqBb]\?[^?]*\?=(?:\s*=\?[^?\s]+\?[QqBb]\?[^?]*\?=)*/g;

/** A raw header value (bytes, unfolded) as text: raw charsets and encoded words decoded. */
export function decodeHeaderBytes(bytes: Buffer, declared: string[]): string {
  return decodeWords(headerBytesToText(bytes, declared));
}

/** The raw bytes as text, encoded words left alone (address parsing needs them in place). */
export function headerBytesToText(bytes: Buffer, declared: string[]): string {
  if (hasJisEscapes(bytes)) return decodeWith(bytes, 'iso-2022-jp').text;
  return isUnlabelled8bit(bytes) ? decodeUnlabelled(bytes, declared) : bytes.toString('utf8');
}

/**
 * Decodes every run of encoded words. Adjacent words in one charset are joined as bytes before
 * decoding: mailers split a multi-byte character across two words, which RFC 2047 forbids
 * but which happens. Whitespace between encoded words is dropped, as the RFC says.
 */
export function decodeWords(text: string): string {
  if (!text.includes('=?')) return text;
  return text.replace(WORD_RUN, (run) => {
    let out = '';
    let charset = '';
    let pending: Buffer[] = [];
    const flush = () => {
      if (pending.length) out += decodeCharset(Buffer.concat(pending), charset);
      pending = [];
    };
    for (const [, label, encoding, encoded] of run.matchAll(WORD)) {
      const name = label.toLowerCase().replace(/\*.*$/, ''); // RFC 2231 language suffix
      if (name !== charset) flush();
      charset = name;
      pending.push(encoding.toLowerCase() === 'b' ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64') : decodeQ(encoded));
    }
    flush();
    return out;
  });
}

function decodeQ(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * An address header with its encoded words decoded into quoted strings, so that a decoded
 * name holding a comma, a semicolon or a quote cannot split or break the list. Encoded words
 * already inside a quoted string (not RFC 2047, but common) are decoded in place.
 */
export function decodeAddressWords(text: string): string {
  if (!text.includes('=?')) return text;
  let out = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && quoted) {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === '=' && text[i + 1] === '?') {
      const match = new RegExp(WORD_RUN.source, 'y');
      match.lastIndex = i;
      const run = match.exec(text);
      if (run) {
        const decoded = decodeWords(run[0]).replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ');
        out += quoted ? decoded : `"${decoded}"`;
        i += run[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

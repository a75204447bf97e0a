import chardet from 'chardet';
import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';

// Decoding text whose declared charset may be wrong, missing or unknown. Mail clients and
// spam tools mislabel bodies and headers (GBK bytes declared UTF-8, Shift_JIS declared
// ISO-2022-JP, a stray Latin-1 byte in a UTF-8 body): the declaration is tried first and
// strictly; when it does not decode cleanly, the bytes are detected (chardet) and a
// candidate that decodes them cleanly wins; failing that, valid UTF-8 stays UTF-8 and each
// stray byte is read as Windows-1252, so no text is replaced by U+FFFD where it can be read.

const REPLACEMENT = '\uFFFD';
// Labels iconv-lite does not know but mail uses (Java/IANA "cs" names, Microsoft aliases).
const ALIASES: Record<string, string> = {
  csiso2022jp: 'iso-2022-jp', 'iso-2022-jp-ms': 'iso-2022-jp', 'iso-2022-jp-1': 'iso-2022-jp', 'iso-2022-jp-2': 'iso-2022-jp',
  'iso-2022-jp-3': 'iso-2022-jp', 'x-windows-iso2022jp': 'iso-2022-jp', 'iso-gb2312': 'gb18030', gb2312: 'gb18030',
  gbk: 'gb18030', 'x-gbk': 'gb18030', 'cn-gb': 'gb18030', csgb2312: 'gb18030', 'ks_c_5601-1987': 'cp949', 'euc-kr': 'cp949',
  'x-mac-japanese': 'shift_jis', 'ms_kanji': 'shift_jis', 'x-sjis': 'shift_jis', 'windows-31j': 'cp932',
  'unicode-1-1-utf-8': 'utf-8', utf8: 'utf-8', 'x-unknown': '', 'unknown-8bit': '', 'x-user-defined': '', default: '',
};
const MULTIBYTE = /^(gb|big5|shift_jis|cp9[34]|euc-|iso-2022|utf-(8|16|32))/i;

/** The canonical name of a charset label, or '' when it names none we can decode. */
export function charsetOf(label: string | undefined): string {
  const name = (label ?? '').trim().toLowerCase().replace(/^x-hd-detect-/, '').replace(/\*.*$/, '');
  const aliased = name in ALIASES ? ALIASES[name] : name;
  if (!aliased || aliased === 'us-ascii' || aliased === 'ascii' || aliased === '7bit') return aliased ? 'utf-8' : '';
  if (isJis(aliased) || iconv.encodingExists(aliased)) return aliased;
  return '';
}

const isJis = (charset: string) => /^iso-2022-jp/.test(charset);

/** Decodes with one charset; `clean` is false when a byte sequence did not belong to it. */
export function decodeWith(bytes: Uint8Array, charset: string): { text: string; clean: boolean } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (charset === 'utf-8') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), clean: true };
    } catch {
      return { text: buffer.toString('utf8'), clean: false };
    }
  }
  if (isJis(charset)) {
    // ISO-2022-JP is 7-bit: 8-bit bytes mean it is not what the label says.
    const text = Encoding.convert(buffer, { from: 'JIS', to: 'UNICODE', type: 'string' }) as string;
    return { text, clean: !buffer.some((b) => b >= 0x80) && !text.includes(REPLACEMENT) };
  }
  const text = iconv.decode(buffer, charset);
  return { text, clean: !text.includes(REPLACEMENT) };
}

/**
 * Text from bytes in a declared charset that may be wrong. Never throws; never returns
 * U+FFFD for bytes that some reading recovers.
 */
export function decodeCharset(bytes: Uint8Array, declared: string | undefined): string {
  const charset = charsetOf(declared) || 'utf-8';
  const first = decodeWith(bytes, charset);
  if (first.clean) return first.text;
  if (hasJisEscapes(bytes)) {
    const jis = decodeWith(bytes, 'iso-2022-jp');
    if (jis.clean) return jis.text;
  }
  // Mostly valid UTF-8 with a few stray bytes: a guess would garble the UTF-8 to save the strays.
  if (utf8Share(bytes) >= 0.5) return mixedUtf8(bytes);
  for (const candidate of detectedCharsets(bytes)) {
    if (candidate === charset) continue;
    const decoded = decodeWith(bytes, candidate);
    if (decoded.clean) return decoded.text;
  }
  return mixedUtf8(bytes);
}

/** chardet's best guess when it is a multi-byte charset that decodes the bytes cleanly. */
export function detectMultibyte(bytes: Uint8Array): string | undefined {
  const [best] = detectedCharsets(bytes);
  if (!best || !MULTIBYTE.test(best) || best === 'utf-8') return undefined;
  const decoded = decodeWith(bytes, best);
  return decoded.clean ? decoded.text : undefined;
}

/** chardet's candidates, most likely first, as charsets we can decode. */
function detectedCharsets(bytes: Uint8Array): string[] {
  const names = chardet.analyse(bytes).filter((m) => m.confidence >= 10).map((m) => charsetOf(m.name));
  return [...new Set(names.filter(Boolean))];
}

/** ESC $ B / ESC $ @ / ESC ( B / ESC ( J: raw ISO-2022-JP. */
export function hasJisEscapes(bytes: Uint8Array): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0x1b && (bytes[i + 1] === 0x24 || bytes[i + 1] === 0x28) && [0x40, 0x42, 0x4a, 0x44].includes(bytes[i + 2])) return true;
  }
  return false;
}

/** The share of the 8-bit bytes that belong to valid UTF-8 sequences. */
function utf8Share(bytes: Uint8Array): number {
  let high = 0;
  let inSequences = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    high += Math.max(length, 1);
    inSequences += length;
    i += Math.max(length, 1);
  }
  return high === 0 ? 1 : inSequences / high;
}

/** The length of the valid UTF-8 sequence at i, 0 when there is none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (!length || i + length > bytes.length) return 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
    return length;
  } catch {
    return 0;
  }
}

const CP1252 = new TextDecoder('windows-1252');

/** Valid UTF-8 sequences as UTF-8, every other byte as Windows-1252. */
function mixedUtf8(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const length = bytes[i] < 0x80 ? 0 : sequenceLength(bytes, i);
    if (length) out += new TextDecoder('utf-8').decode(bytes.subarray(i, i + length));
    else out += bytes[i] < 0x80 ? String.fromCharCode(bytes[i]) : CP1252.decode(bytes.subarray(i, i + 1));
    i += Math.max(length, 1);
  }
  return out;
}

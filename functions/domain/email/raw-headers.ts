import { detectMultibyte } from './decode-charset';
// Some senders (old Outlook Express, spam tools) put 8-bit text straight into headers and
// filenames without RFC 2047/2231 encoding; the parser then reads those bytes as UTF-8 or
// Latin-1 and produces mojibake. These helpers go back to the bytes and decode them with a
// charset the message itself declares, or one chardet is sure of.

const MULTIBYTE = /^(gb|big5|shift_jis|sjis|x-sjis|euc-|iso-2022|ks_c|cp9[34]|windows-9[34]|csgb|x-gbk)/i;

/** The top-level header fields as raw bytes, by lower-case name, folding removed. */
export function rawHeaderFields(raw: Buffer): Map<string, Buffer[]> {
  const text = raw.subarray(0, 1 << 20).toString('latin1'); // mailparser's own header limit is 1 MB
  const end = text.search(/\r?\n\r?\n/);
  const block = end === -1 ? text : text.slice(0, end);
  const fields = new Map<string, Buffer[]>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const match = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
    if (!match) continue;
    const name = match[1].toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), Buffer.from(match[2].trim(), 'latin1')]);
  }
  return fields;
}

/** Charsets named anywhere in the message, multi-byte ones first (see `decodeUnlabelled`). */
export function declaredCharsets(raw: Buffer): string[] {
  const names = [...raw.toString('latin1').matchAll(/charset\s*=\s*"?([\w.:-]+)/gi)].map((m) => m[1].toLowerCase());
  const unique = [...new Set(names)].filter((name) => name !== 'utf-8' && name !== 'us-ascii' && isSupported(name));
  return [...unique.filter((n) => MULTIBYTE.test(n)), ...unique.filter((n) => !MULTIBYTE.test(n))];
}

/**
 * Decodes unlabelled 8-bit bytes: as UTF-8 when they are valid UTF-8, else with the first
 * declared charset that decodes them without error. Multi-byte charsets are tried first
 * because their decoders reject invalid input, which makes a success meaningful; a
 * single-byte charset accepts anything, so it only serves as the last resort.
 */
export function decodeUnlabelled(bytes: Buffer, charsets: string[]): string {
  const strict = (charset: string) => {
    try {
      return new TextDecoder(charset, { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  };
  const multibyte = charsets.filter((n) => MULTIBYTE.test(n));
  for (const charset of ['utf-8', ...multibyte]) {
    const text = strict(charset);
    if (text !== undefined) return text;
  }
  // Nothing declared fits: a multi-byte charset chardet is sure of beats a single-byte guess.
  const detected = detectMultibyte(bytes);
  if (detected !== undefined) return detected;
  for (const charset of charsets.filter((n) => !MULTIBYTE.test(n))) {
    const text = strict(charset);
    if (text !== undefined) return text;
  }
  return new TextDecoder('windows-1252').decode(bytes);
}

/** True when the bytes contain 8-bit data that is not valid UTF-8. */
export function isUnlabelled8bit(bytes: Buffer): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/**
 * A filename the parser read byte-for-byte as Latin-1 from a raw 8-bit header, decoded
 * properly; any other filename is returned unchanged.
 */
export function repairFilename(filename: string, raw: Buffer, charsets: string[]): string {
  if (!/[\u0080-\u00ff]/.test(filename) || /[^\u0000-\u00ff]/.test(filename)) return filename;
  const bytes = Buffer.from(filename, 'latin1');
  if (!raw.includes(bytes)) return filename; // it was encoded in the mail, so it decoded correctly
  return decodeUnlabelled(bytes, charsets);
}

function isSupported(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

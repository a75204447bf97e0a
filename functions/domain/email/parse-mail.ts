import { createHash } from 'node:crypto';
import { parseAddressHeader, simpleParser, type Attachment, type EmailAddress } from 'mailparser';
import { MalformedMailError } from './errors';
import { CharsetSniffingDecoder, SNIFF_PREFIX } from './charset-sniffing-decoder';
import { decodeAddressWords, decodeHeaderBytes, headerBytesToText } from './decode-header';
import { decodeUuencoded } from './decode-uuencode';
import { htmlToText } from './html-to-text';
import { parseMessageIds } from './message-ids';
import { declaredCharsets, rawHeaderFields, repairFilename } from './raw-headers';
import { sanitizeMailHtml } from './sanitize-mail-html';

export interface MailAddress {
  /** Lower case; '' when the header named no address (a bare display name). */
  address: string;
  name: string;
}

export interface MailAttachment {
  /** A path-free file name; synthesised as `attachment-N.ext` when the mail gave none. */
  filename: string;
  contentType: string;
  size: number;
  /** The Content-ID without angle brackets, what `cid:` URLs in the HTML refer to. */
  contentId?: string;
  /** Shown within the body (embedded image) rather than offered as a download. */
  inline: boolean;
  /** MD5 of the decoded content, hex. */
  checksum: string;
  content: Buffer;
}

/** Something was wrong with the mail but it could still be read. */
export type MailWarning =
  | 'missing-from'
  | 'invalid-from'
  | 'missing-date'
  | 'invalid-date'
  | 'missing-message-id'
  | 'unterminated-multipart'
  | 'html-conversion-failed'
  | 'undecodable-bytes'
  | 'no-body';

export interface ParsedMail {
  /** Message-IDs here are bare (no angle brackets) so they compare equal however they were written. */
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  from?: MailAddress;
  /** The From header as written (encoded words and raw charsets decoded), before normalising. */
  fromHeader?: string;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  /** RFC 2047 decoded; '' when there is none. */
  subject: string;
  /** ISO 8601; undefined when missing or unreadable (never "now"). */
  date?: string;
  /** The text/plain body, or the HTML body as text when the mail has no plain part. */
  text: string;
  /** True when `text` was derived from `html` (the mail had no, or an empty, text/plain part). */
  textFromHtml: boolean;
  /** Sanitised HTML body, `cid:` image links kept. */
  html?: string;
  attachments: MailAttachment[];
  /** Top-level headers, lower-case names, first occurrence, unfolded but not decoded. */
  headers: Record<string, string>;
  malformed: boolean;
  warnings: MailWarning[];
}

/**
 * Parses a raw RFC 5322 message (any charset or transfer encoding) into the shape the
 * ingest worker needs. Broken but readable input parses with `malformed` and `warnings`.
 * @throws MalformedMailError when the input is empty, has no header section, or the
 * MIME parser gives up on it.
 */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  if (raw.findIndex((byte) => byte > 0x20) === -1) {
    throw new MalformedMailError('empty', 'the message is empty');
  }
  const mail = await simpleParser(raw, PARSER_OPTIONS).catch((cause: unknown) => {
    throw new MalformedMailError('unparseable', `the MIME parser rejected the message: ${String(cause)}`, { cause });
  });
  const headers = headerMap(mail.headerLines ?? []);
  if (Object.keys(headers).length === 0) {
    throw new MalformedMailError('no-header-section', 'the message has no header fields');
  }
  const fields = rawHeaderFields(raw);
  const charsets = declaredCharsets(raw);
  const headerText = (name: string) => (fields.get(name) ?? []).map((bytes) => decodeAddressWords(headerBytesToText(bytes, charsets)));
  const addressList = (name: string) => toAddresses(parseAddressHeader(headerText(name)).value);
  const rawSubject = fields.get('subject')?.[0];
  const subject = rawSubject ? decodeHeaderBytes(rawSubject, charsets) : (mail.subject ?? '');
  const rawFrom = fields.get('from')?.[0];
  await redecodeMislabelledBody(mail, raw);

  const warnings: MailWarning[] = [];
  const declaredFrom = addressList('from');
  // A missing or unusable From falls back to the headers that name who to answer.
  const from = [...declaredFrom, ...addressList('sender'), ...addressList('reply-to')].find((a) => a.address) ?? declaredFrom[0];
  if (!headers.from) warnings.push('missing-from');
  else if (!declaredFrom.some((a) => a.address)) warnings.push('invalid-from');
  const date = parseDate(headers.date);
  if (!headers.date) warnings.push('missing-date');
  else if (!date) warnings.push('invalid-date');
  if (!headers['message-id']) warnings.push('missing-message-id');
  if (isUnterminatedMultipart(raw, headers['content-type'])) warnings.push('unterminated-multipart');
  if (mail.textConversionError) warnings.push('html-conversion-failed');

  const rawHtml = typeof mail.html === 'string' ? mail.html : undefined;
  // mailparser leaves text empty, not undefined, for a single-part HTML mail
  const textFromHtml = !(mail.text ?? '').trim() && rawHtml !== undefined;
  const text = textFromHtml ? htmlToText(rawHtml) : (mail.text ?? '');
  if ((text + subject).includes('\uFFFD')) warnings.push('undecodable-bytes');
  const attachments = [
    ...mail.attachments.map((part, i) => toAttachment(part, i, (name) => repairFilename(name, raw, charsets))),
    // The block stays in the text, as a mail client without uudecode would show it.
    ...(textFromHtml ? [] : decodeUuencoded(text)).map(fromUuencoded),
  ];
  if (!text.trim() && !rawHtml && attachments.length === 0) warnings.push('no-body');

  return {
    messageId: parseMessageIds(headers['message-id'])[0],
    inReplyTo: parseMessageIds(headers['in-reply-to'])[0],
    references: parseMessageIds(headers.references),
    from,
    ...(rawFrom ? { fromHeader: decodeHeaderBytes(rawFrom, charsets) } : {}),
    to: addressList('to'),
    cc: addressList('cc'),
    replyTo: addressList('reply-to'),
    subject,
    date,
    text,
    textFromHtml,
    html: rawHtml === undefined ? undefined : sanitizeMailHtml(rawHtml),
    attachments,
    headers,
    malformed: warnings.some((w) => w !== 'missing-message-id' && w !== 'no-body'),
    warnings,
  };
}

const PARSER_OPTIONS = {
  keepCidLinks: true,
  keepDeliveryStatus: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  // Every text part in a declared charset goes through a decoder that detects the charset
  // when the declared one does not fit the bytes (see CharsetSniffingDecoder).
  Iconv: CharsetSniffingDecoder,
} as const;

const REPLACEMENT = '\uFFFD';

/**
 * mailparser reads parts declared UTF-8 or ASCII (or declaring nothing) without a decoder, so
 * mislabelled bytes become U+FFFD. When that happened, parse again with those parts relabelled
 * for the sniffing decoder and take the text from there; the attachments of the first parse stay.
 */
async function redecodeMislabelledBody(mail: { text?: string; html?: string | false }, raw: Buffer): Promise<void> {
  const damaged = (mail.text ?? '').includes(REPLACEMENT) || (typeof mail.html === 'string' && mail.html.includes(REPLACEMENT));
  if (!damaged || raw.includes(Buffer.from(REPLACEMENT, 'utf8'))) return;
  const second = await simpleParser(relabelUtf8Parts(raw), PARSER_OPTIONS).catch(() => undefined);
  if (!second) return;
  mail.text = second.text;
  mail.html = second.html;
}

/** Labels text parts declared UTF-8/ASCII or undeclared so that the parser decodes them with the sniffing decoder. */
function relabelUtf8Parts(raw: Buffer): Buffer {
  let text = raw.toString('latin1');
  const label = (charset: string) => `charset="${SNIFF_PREFIX}${charset}"`;
  text = text.replace(/^content-type:[ \t]*text\/[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim, (field) => {
    if (/charset\s*=/i.test(field)) {
      return field.replace(/charset\s*=\s*"?(utf-?8|us-ascii|ascii)"?/i, (_, charset: string) => label(charset));
    }
    return `${field}; ${label('utf-8')}`;
  });
  const headerEnd = text.search(/\r?\n\r?\n/);
  const header = headerEnd === -1 ? text : text.slice(0, headerEnd);
  if (!/^content-type:/im.test(header)) text = `Content-Type: text/plain; ${label('utf-8')}\r\n${text}`;
  return Buffer.from(text, 'latin1');
}

function headerMap(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    if (name in headers || !/^[!-9;-~]+$/.test(name)) continue; // mailparser keeps lines that are no field
    const colon = line.indexOf(':');
    headers[name] = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return headers;
}

function toAddresses(list: EmailAddress[]): MailAddress[] {
  return list
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((a) => ({ address: normaliseAddress(a.address ?? ''), name: (a.name ?? '').trim() }))
    .filter((a) => a.address || a.name);
}

/**
 * What can be normalised in a real but odd address: a `mailto:` prefix and the trailing dot
 * of a fully qualified domain (`name@yahoo.com.`), which names the same mailbox. Lower case.
 */
export function normaliseAddress(address: string): string {
  const clean = address.trim().toLowerCase().replace(/^mailto:/, '');
  const at = clean.lastIndexOf('@');
  if (at < 1) return clean;
  return `${clean.slice(0, at)}@${clean.slice(at + 1).replace(/\.+$/, '')}`;
}

function parseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.slice(0, 200).replace(/\([^)]*\)/g, ' ').trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function isUnterminatedMultipart(raw: Buffer, contentType: string | undefined): boolean {
  const boundary = /^\s*multipart\/[^;]*;.*?boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? '');
  if (!boundary) return false;
  return !raw.includes(`--${boundary[1] ?? boundary[2]}--`);
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/jpg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp',
  'image/bmp': 'bmp', 'image/tiff': 'tif', 'application/pdf': 'pdf', 'application/zip': 'zip',
  'text/plain': 'txt', 'text/html': 'html', 'text/calendar': 'ics', 'text/csv': 'csv',
  'video/quicktime': 'mov', 'video/mp4': 'mp4', 'audio/mpeg': 'mp3',
  'message/rfc822': 'eml', 'message/delivery-status': 'txt', 'text/rfc822-headers': 'txt',
};

function toAttachment(part: Attachment, index: number, repair: (name: string) => string): MailAttachment {
  const contentType = part.contentType.toLowerCase();
  const extension = EXTENSIONS[contentType] ?? 'bin';
  const description = part.headers.get('content-description');
  const cidName = /^[^@\s]+\.[a-z][a-z0-9]{1,4}(?=@|$)/i.exec(part.cid ?? '')?.[0];
  // Without a filename, a short Content-Description ("Delivery report") or a Content-ID
  // that is itself a file name ("image001.jpg@01CD...") still names the part better than a number.
  const filename =
    cleanName(repair(part.filename ?? '')) ||
    cidName ||
    (typeof description === 'string' && description.length <= 60 && cleanName(description) ? `${cleanName(description)}.${extension}` : '') ||
    `attachment-${index + 1}.${extension}`;
  return {
    filename,
    contentType,
    size: part.content.length,
    contentId: part.cid || undefined,
    inline: part.related === true || part.contentDisposition === 'inline',
    checksum: createHash('md5').update(part.content).digest('hex'),
    content: part.content,
  };
}

function fromUuencoded({ filename, content }: { filename: string; content: Buffer }): MailAttachment {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1].toLowerCase();
  const contentType = Object.keys(EXTENSIONS).find((type) => EXTENSIONS[type] === extension) ?? 'application/octet-stream';
  const checksum = createHash('md5').update(content).digest('hex');
  return { filename: cleanName(filename) || 'attachment.bin', contentType, size: content.length, inline: false, checksum, content };
}

/** No directories, control or reserved characters: the name ends up in storage keys and downloads. */
function cleanName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f:*?"<>|]/g, '')
    .replace(/^\.+/, '')
    .trim();
}

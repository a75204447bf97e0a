import EmailReplyParser from 'email-reply-parser';
import { PROTECT, dropSignOff, isDeviceSignature, protectProse } from './reply-signatures';

// email-reply-parser (crisp-oss) hides quoted fragments and signatures well, but only knows
// a fixed list of one-line quote headers. This file finds the headers it misses first:
// attributions split over several lines or in other languages, and the Outlook header block
// ("From: ... Sent: ...") that introduces an unquoted copy of the previous mail.

const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|original nachricht|originalnachricht|oryginalna wiadomość|ursprungligt meddelande|αρχικό μήνυμα|mesaj original|原始訊息|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|originalmeddelande|oprindelig meddelelse|opprinnelig melding|alkuperäinen viesti|mensagem original|wiadomość oryginalna|původní zpráva|исходное сообщение|исходное письмо|eredeti üzenet|orijinal ileti|özgün ileti|原始邮件|原始郵件|元のメッセージ|원본 메시지)\s*-{2,}\s*$/i;

// A forward says "here is a mail", not "here is what you wrote": what follows is content.
// Gmail and Thunderbird write a dashed title, Apple Mail a sentence ending in a colon.
const FORWARD_TITLE = String.raw`(forwarded message|forwarded e-?mail|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato|mensagem encaminhada|mensagem reencaminhada|doorgestuurd bericht|doorgestuurd e-mailbericht|przekazana wiadomość|wiadomość przekazana|vidarebefordrat meddelande|videresendt meddelelse|videresendt melding|välitetty viesti|přeposlaná zpráva|továbbított üzenet|iletilen ileti|iletilmiş mesaj|пересылаемое сообщение|пересланное сообщение|転送メッセージ|転送されたメッセージ|转发的邮件|已转发邮件|转发邮件|轉寄郵件|轉寄的郵件|전달된 메시지)`;
const FORWARD_MARKERS: RegExp[] = [
  new RegExp(String.raw`^\s*-{2,}\s*${FORWARD_TITLE}\s*-{2,}\s*$`, 'iu'),
  /^\s*(begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié|début du message transféré|inicio del mensaje reenviado|inizio messaggio inoltrato|begin doorgestuurd bericht|início da mensagem reencaminhada|início da mensagem encaminhada|vidarebefordrat brev|videresendt besked|videresendt melding|początek przekazywanej wiadomości|начало переадресованного сообщения|転送されたメッセージ|以下是转发的邮件|转发的邮件|轉寄的郵件|전달된 메시지)\s*[:：]\s*$/iu,
];

// Header fields of a quoted or forwarded mail, by family; a block needs From plus another.
// Labels as Outlook, Gmail, Apple Mail and the big webmailers write them in each language.
const FIELDS: Record<string, RegExp> = {
  from: /^(from|von|de|da|van|fra|från|od|от|від|lähettäjä|feladó|kimden|expéditeur|remitente|mittente|afzender|avsändare|发件人|發件人|寄件者|寄件人|差出人|送信者|보낸 사람|보낸사람|từ|dari|de la|από|מאת|من|จาก|šalje)$/,
  sent: /^(sent|date|gesendet|datum|envoyé|envoyé le|enviado|enviado el|enviada em|enviado em|inviato|verzonden|sendt|skickat|wysłano|wysłane|odesláno|отправлено|дата|fecha|data|lähetetty|dátum|elküldve|küldve|tarih|gönderildi|gönderilme tarihi|发送时间|發送時間|日期|寄件日期|送信日時|日時|보낸 날짜|gửi|ngày gửi|dikirim|tanggal|trimis|στάλθηκε|ημερομηνία|надіслано|נשלח|تاريخ|تم الإرسال|ส่ง|enviat|poslano|odoslané)$/,
  to: /^(to|an|à|para|a|aan|til|till|do|komu|кому|cc|kime|címzett|vastaanottaja|收件人|收件者|宛先|받는 사람|받는사람|抄送|참조|đến|kepada|către|προς|אל|إلى|ถึง|per a|prima)$/,
  subject: /^(subject|betreff|objet|asunto|assunto|oggetto|onderwerp|emne|ämne|temat|předmět|тема|aihe|tárgy|konu|predmet|主题|主題|主旨|件名|제목|chủ đề|perihal|subjek|subiect|θέμα|נושא|الموضوع|เรื่อง|assumpte)$/,
};
const FIELD_LINE = /^\s*[*_]?([^\s:：*_]+(?: [^\s:：*_]+)?)[*_]?\s*[:：][*_]?(\s|$|(?<=：))/;

const ATTRIBUTION_PREFIX = String.raw`(on|le|am|el|il|em|op|den|dne|w dniu|dnia|pe|ma|ti|ke|to|la|su|på|в|у|vào|pada|στις|în)`;
const ATTRIBUTION_VERB = String.raw`(wrote|writes|a écrit|schrieb|escribió|ha scritto|scritto|escreveu|schreef|geschreven|skrev|kirjoitti|napsal\(a\)|napsal|napisał\(a\)|napisał|pisze|написал\(а\)|написала|написал|писал|пише|yazdı|írta|đã viết|menulis|έγραψε|a scris|va escriure)`;
// "On <date>, <name> wrote:"; the verb ends the line or is followed by "<name>:" (German
// "Am <date> schrieb <name>:"). Talon's "------On <date>, <name> wrote-----" also counts
// (the text after the last dashes is tested too, see attributionAt).
const ATTRIBUTION = new RegExp(
  String.raw`^\s*${ATTRIBUTION_PREFIX}\s(?:.*\s)?${ATTRIBUTION_VERB}(?:\s*:|\s*-+|\s.{0,120}:)\s*$`,
  'iu',
);
// The verb last: "John <j@x> schrieb am <date>:", Chinese "写道：", Turkish "tarihinde şunu
// yazdı:", Hungarian "ezt írta (időpont: ...):", Russian "пишет:", Korean "님이 작성:", Japanese
// "さんは書きました:". The line must also name an address or a date.
const SUFFIX_ATTRIBUTION =
  /(\bwrote|\bschrieb am\b.*|\ba écrit|\bescribió|\bha scritto|\bescreveu|\bschreef|\bskrev|\bkirjoitti|\bnapsal|\bnapisał(\(a\))?|пишет|написал(\(а\)|а)?|yazdı|írta\b.*|写道|寫道|님이 작성|書きました|が書きました|пише|đã viết|\bmenulis|έγραψε|\ba scris|\bva escriure|\bnapisao( je)?|\bnapisala( je)?|כתב|كتب|เขียนว่า)\s*[:：]\s*$/iu;
// Android's "---- <name> wrote ----" and "---- On <date> <name> wrote ----", in any language.
const DASHED_ATTRIBUTION = new RegExp(String.raw`^\s*-{2,}\s*.{1,200}\s${ATTRIBUTION_VERB}(?:\s[^-]{1,120})?\s*-{2,}\s*$`, 'iu');
// Clients name whoever wrote the quoted mail; "On Monday I wrote:" is the sender telling a story.
const FIRST_PERSON = /\b(i|we)\s+(already\s+|have\s+|had\s+)?(wrote|writes|write)\b|\b(schrieb|schrieben)\s+(ich|wir)\b|\b(ich|wir)\s+(schrieb|schrieben)\b|\b(j'ai|nous avons)\s+écrit\b/i;
const ATTRIBUTION_START = new RegExp(String.raw`^\s*${ATTRIBUTION_PREFIX}\s`, 'iu');
const EMAIL = /<?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?/;
// Mail can come from anyone, so no regex here may see unbounded input: header-like lines are
// short, longer ones are never tested, and email-reply-parser (whose patterns backtrack
// badly on long lines) gets long lines swapped for placeholders.
const HEADER_MAX = 400;
const LONG_LINE = 500;
const TEXT_MAX = 200_000;
const SHIELD = '\u2063'; // invisible separator, marks a placeholder
const DATE = /\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b/;

export interface ReplyOptions {
  /** The sender's display name or address: a closing "Thanks,\nNoam" naming them is dropped too. */
  sender?: string;
  /**
   * The mail's subject marks it as a forward ("FW:", "WG:", "TR:" ...): an Outlook header
   * block, which carries no "forwarded" title, then starts the forwarded mail, not history.
   */
  forward?: boolean;
}

/**
 * The part of a plain-text mail body the sender actually wrote: quoted history (including
 * Outlook's unquoted "From:/Sent:" copy and non-English attributions) and signatures are
 * removed. A reply written below the quote is kept. Returns the whole text, trimmed, when
 * nothing but history would be left, so a mail is never reduced to nothing. Never throws.
 */
export function visibleReply(text: string, options: ReplyOptions = {}): string {
  // Beyond this size the text is a pasted log or a very long thread, not a reply: keep it whole.
  if (text.length > TEXT_MAX) return text.trim();
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = protectComparisons(normalized.split('\n'));
  const history = markHistory(rejoinBrokenQuotes(cutFooter(lines)), options.forward === true);
  // A forward is what the sender wants us to read, with their note above it: keep it all.
  if (!history) return normalized.trim();
  const long: string[] = [];
  const marked = history.map((line) => {
    if (line.length <= LONG_LINE) return protectProse(line);
    const prefix = /^[\s>]*/.exec(line)![0]; // the quote marks still count
    long.push(line.slice(prefix.length));
    return `${prefix}${SHIELD}${long.length - 1}${SHIELD}`;
  });
  const visible = new EmailReplyParser()
    .read(marked.join('\n'))
    .getVisibleText()
    .replaceAll(PROTECT, '')
    .replace(new RegExp(`${SHIELD}(\\d+)${SHIELD}`, 'g'), (_, i: string) => long[Number(i)]);
  return dropSignOff(visible, options.sender).trim() || text.trim();
}

/** A mailing-list footer: a rule of underscores followed by at most five short lines. */
function cutFooter(lines: string[]): string[] {
  const rule = lines.findLastIndex((line) => /^\s*_{10,}\s*$/.test(line));
  if (rule === -1) return lines;
  const after = lines.slice(rule + 1).filter((line) => line.trim() !== '');
  if (after.length && headerBlockAt(after, 0)) return lines; // Outlook's rule over a short quoted or forwarded mail
  return after.length <= 5 && after.every((line) => !isQuoted(line) && line.length <= 80) ? lines.slice(0, rule) : lines;
}

/**
 * A quoted line the client wrapped without re-quoting leaves its tail unquoted between two
 * quoted lines: a link fragment, or prose continuing a long quoted line in lower case.
 */
function rejoinBrokenQuotes(lines: string[]): string[] {
  return lines.map((line, i) => {
    if (i === 0 || i === lines.length - 1 || isQuoted(line) || !isQuoted(lines[i - 1]) || !isQuoted(lines[i + 1])) return line;
    const tail = line.trim();
    const continues = /^\S+$/.test(tail) || (lines[i - 1].replace(/^[\s>]+/, '').length >= 60 && /^[a-z0-9"'(),.;:]/.test(tail));
    return continues ? `> ${line}` : line;
  });
}

/**
 * ">50% of users ...", ">= 2 files ..." or a decorated ">>> https://example.com <<<" is text,
 * not a quote, when no neighbour is quoted.
 */
function protectComparisons(lines: string[]): string[] {
  const literal = (line: string) => line.length <= HEADER_MAX && (/^>(=?\s?\d)/.test(line) || /^>+\s.*\s<+\s*$/.test(line));
  const comparison = (i: number) => literal(lines[i]) && !isQuoted(lines[i - 1] ?? '') && !isQuoted(lines[i + 1] ?? '');
  return lines.map((line, i) => (comparison(i) ? PROTECT + line : line));
}

/**
 * Cuts at the first unquoted history block; prefixes quote headers with "> " so they are
 * hidden with their quote. Returns undefined when the first history marker opens a forward
 * instead: a forward title, the first quoted line being one (Apple Mail quotes what it
 * forwards, title included), or an Outlook header block in a mail whose subject says FW.
 */
function markHistory(input: string[], forwardSubject: boolean): string[] | undefined {
  const lines = [...input];
  let seenHistory = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isQuoted(line)) {
      if (!seenHistory && line.length <= HEADER_MAX && isForwardMarker(line.replace(/^[\s>]+/, ''))) return undefined;
      seenHistory = true;
      continue;
    }
    if (!line.trim() || line.length > HEADER_MAX) continue;
    if (!seenHistory && isForwardMarker(line)) return undefined;
    if (ORIGINAL_MESSAGE.test(line) || headerBlockAt(lines, i)) return !seenHistory && forwardSubject ? undefined : cutAt(lines, i);
    if (isDeviceSignature(line)) {
      if (!seenHistory && forwardFollows(lines, i + 1)) continue; // iOS: "Sent from my iPhone", then the forward
      return cutAt(lines, i);
    }
    const span = attributionAt(lines, i);
    if (span === 0) {
      if (tellsStory(line)) lines[i] = PROTECT + line; // or email-reply-parser takes it for a header
      continue;
    }
    if (!quoteFollows(lines, i + span)) return cutAt(lines, i);
    for (let k = i; k < i + span; k++) lines[k] = `> ${lines[k]}`;
    i += span - 1;
    seenHistory = true;
  }
  return lines;
}

/** A line shaped like an attribution that attributionAt turned down: first person, or no date and no quote. */
function tellsStory(line: string): boolean {
  return FIRST_PERSON.test(line) || ATTRIBUTION.test(line.trim());
}

function isForwardMarker(line: string): boolean {
  return FORWARD_MARKERS.some((marker) => marker.test(line));
}

/** Whether the first non-blank line within a few lines from `from` is a forward title, quoted or not. */
function forwardFollows(lines: string[], from: number): boolean {
  const next = lines.slice(from, from + 5).find((line) => line.trim() !== '');
  return next !== undefined && next.length <= HEADER_MAX && isForwardMarker(next.replace(/^[\s>]+/, ''));
}

/** Whether the first non-blank line within a few lines from `from` is quoted. */
function quoteFollows(lines: string[], from: number): boolean {
  for (let k = from; k < Math.min(lines.length, from + 5); k++) {
    if (lines[k].trim() !== '') return isQuoted(lines[k]);
  }
  return false;
}

/**
 * A block of header fields (From plus Sent, To or Subject) starts at line i, as Outlook and
 * webmailers quote. All four fields make a block; fewer need an address or a time in them,
 * so "From: Berlin / To: Munich" in a booking request stays text.
 */
function headerBlockAt(lines: string[], i: number): boolean {
  const families = new Set<string>();
  const fields: string[] = [];
  for (const line of lines.slice(i, i + 7)) {
    const family = fieldFamily(line);
    if (family) {
      families.add(family);
      fields.push(line);
    } else if (line === lines[i]) return false;
  }
  const address = (line: string) => line.includes('@') && EMAIL.test(line);
  const time = (line: string) => /mailto:|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} ?[ap]\.?m\b/i.test(line);
  // Without From, only a Date line with a time followed by an address ("Date: ... To: a@b")
  if (!families.has('from')) return fieldFamily(lines[i]) === 'sent' && time(lines[i]) && families.size >= 2 && fields.some(address);
  if (families.size < 2) return false;
  return families.size === 4 || fields.some((line) => address(line) || time(line));
}

function fieldFamily(line: string): string | undefined {
  if (line.length > HEADER_MAX) return undefined;
  const name = FIELD_LINE.exec(line)?.[1].toLowerCase();
  return name ? Object.keys(FIELDS).find((family) => FIELDS[family].test(name)) : undefined;
}

/** How many lines (1 to 4) an attribution starting at line i spans; 0 when there is none. */
function attributionAt(lines: string[], i: number): number {
  const first = lines[i].trim();
  // Only a line that itself looks like the start of an attribution may continue on the next
  // ones; "On <date>, <name> <" can wrap a long address over two more lines before "wrote:".
  const maxSpan = ATTRIBUTION_START.test(first) ? 4 : DATE.test(first) || EMAIL.test(first) ? 3 : 1;
  for (let span = 1; span <= maxSpan && i + span <= lines.length; span++) {
    const joined = lines.slice(i, i + span).map((l) => l.trim()).join(' ');
    if (joined.length > HEADER_MAX || FIRST_PERSON.test(joined)) return 0;
    const dashes = joined.lastIndexOf('--');
    const afterDashes = dashes === -1 ? '' : joined.slice(dashes + 2).replace(/^-+/, '');
    // Clients always put a date in "On <date>, <name> wrote:"; without one, only a quote below
    // makes it a header ("Am Montag schrieb mir Ihr Kollege:" is a story).
    const evidenced = /\d/.test(joined) || quoteFollows(lines, i + span);
    if (evidenced && (ATTRIBUTION.test(joined) || (span === 1 && ATTRIBUTION.test(afterDashes)))) return span;
    if (span === 1 && DASHED_ATTRIBUTION.test(joined)) return span;
    if (SUFFIX_ATTRIBUTION.test(joined) && (EMAIL.test(joined) || DATE.test(joined))) return span;
    // "26.06.2014, 14:41, "Alexander L" <abc@example.com>:" and the like carry no verb, so
    // they only count when a quote follows them.
    const colon = /[:：]$/.test(joined);
    const evidence = EMAIL.test(joined) ? colon || DATE.test(joined) : DATE.test(joined) && colon;
    if (evidence && quoteFollows(lines, i + span)) return span;
    // A date, an address and a closing colon together (Gmail in Russian, Japanese, ...) are
    // an attribution even when the client did not quote what follows.
    // Gmail also wraps it inside the address ("... John Doe <\njohn@example.com>:").
    const dated = DATE.test(lines[i]) && joined.length <= 200;
    if (dated && span === 1 && colon && EMAIL.test(joined)) return span;
    if (dated && span === 2 && /<?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?\s*[:：]$/.test(joined)) return span;
    if (span > 1 && lines[i + span - 1].trim() === '') return 0;
  }
  return 0;
}

/**
 * Drops line i and everything below, with a separator just above it: a rule (Outlook's
 * underscores) or a dashed title ("----- Original Nachricht ----", "--- Forwarded message ---").
 */
function cutAt(lines: string[], i: number): string[] {
  let end = i;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  if (end > 0 && /^\s*(([-_=])\2{9,}|-{2,}[^-].*-{2,})\s*$/.test(lines[end - 1])) end--;
  return end === 0 ? lines : lines.slice(0, end);
}

function isQuoted(line: string): boolean {
  return /^\s*>/.test(line);
}

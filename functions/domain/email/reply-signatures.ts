// Signatures under a reply: what phones and mail apps append ("Sent from my iPhone", in the
// languages they ship in) and a closing that names the sender ("Thanks,\nNoam", a signature
// card). Used by strip-reply.ts around email-reply-parser, which knows only English ones.

export const PROTECT = '\u2060'; // word joiner: invisible, and stops a line from matching a signature pattern
// What phones and mail apps append under the text, in the languages they ship in.
const DEVICE_SIGNATURES: RegExp[] = [
  /^sent from \S/i,
  // "Sent with Proton Mail", "Sent via the Samsung Galaxy", not "Sent via DHL yesterday"
  /^sent (with|via|using) .*\b(mail|e-?mail|phone|iphone|ipad|android|samsung|galaxy|blackberry|outlook|proton|spark|mobile|device|smartphone|tablet|app)\b/i,
  /^(get|download) outlook for (ios|android)\b/i,
  /^(envoyé|envoye) (de|depuis|à partir de|a partir de|avec) \S/i,
  /^(obtenir|télécharger) outlook pour (ios|android)\b/i,
  /^von meinem .{1,60} gesendet\b/i,
  /^gesendet (von|mit) \S/i,
  /^holen sie sich outlook für (ios|android)\b/i,
  /^enviado (desde|do|de|a partir do|a partir de|pelo|via|con) \S/i,
  /^(obtener|obtenha|obter o) outlook (para|pro) (ios|android)\b/i,
  /^inviato da \S/i,
  /^scarica outlook per (ios|android)\b/i,
  /^(verzonden|verstuurd) (vanaf|met|via) \S/i,
  /^outlook voor (ios|android) downloaden\b/i,
  /^(skickat|skickades) (från|med) \S/i,
  /^sendt (fra|med) \S/i,
  /^lähetetty \S+(sta|stä)$/i,
  /^(wysłane|wysłano) (z|ze|przy użyciu) \S/i,
  /^odesláno (z|ze) \S/i,
  /^(отправлено|отправлено с помощью|послано) (с|из|со) \S/i,
  /^\S.{0,40}から送信$/,
  /^(发自|來自|来自)我的.{1,40}$/,
  /^從我的.{1,40}傳送$/,
  /^\S.{0,40}에서 보냄$/,
];

export function isDeviceSignature(line: string): boolean {
  const text = line.trim().replace(/\.$/, '');
  return text.length <= 100 && DEVICE_SIGNATURES.some((pattern) => pattern.test(text)) && !isProse(text);
}

/** "Sent from my iPhone" is a signature; "Sent from my desk, is much easier ..." is a sentence. */
function isProse(line: string): boolean {
  const text = line.replace(/<[^<>\s]{1,200}>$/, ''); // Outlook's "Get Outlook for iOS<https://aka.ms/...>"
  return /[,;?!]/.test(text) || text.trim().split(/\s+/).length > 8;
}

/** Keeps the reply parser from taking a sentence that starts like a device signature for one. */
export function protectProse(line: string): string {
  const text = line.trim();
  const signatureLike = DEVICE_SIGNATURES.some((pattern) => pattern.test(text)) && isProse(text);
  return signatureLike ? PROTECT + line : line;
}

const SIGN_OFF =
  /^\s*(thanks|thank you|many thanks|thanks again|thx|cheers|regards|best|best regards|kind regards|warm regards|sincerely|yours|mit freundlichen grüßen|viele grüße|beste grüße|grüße|gruß|lg|mfg|cordialement|bien à vous|merci|saludos|un saludo|atentamente|cordiali saluti|saluti|met vriendelijke groet|groeten|med vänlig hälsning|hälsningar|pozdrawiam|с уважением|best wishes|all the best|greetings|many thanks again|freundliche grüße|liebe grüße|danke|vielen dank|bien cordialement|amicalement|salutations|saludos cordiales|gracias|atenciosamente|obrigado|obrigada|abraços|distinti saluti|un saluto|grazie|vriendelijke groet|groetjes|med vennlig hilsen|med venlig hilsen|mvh|tack|kiitos|terveisin|ystävällisin terveisin|pozdrowienia|s pozdravem|спасибо|saygılarımla|üdvözlettel|此致|谢谢|감사합니다|よろしくお願いします)\s*[,.!！。]*\s*$/i;

/**
 * A closing block that names the sender: a sign-off line then a few short lines, or (with no
 * sign-off) a last paragraph that starts with their name and reads like a signature card:
 * "Jane Doe / Head of IT / ACME / +1 555 0100".
 */
export function dropSignOff(text: string, sender: string | undefined): string {
  const who = (sender ?? '').replace(/@.*$/, ''); // of an address, only the local part names someone
  const names = who.split(/[\s.,_<>"-]+/).filter((w) => w.length >= 2).map((w) => w.toLowerCase());
  if (!names.length) return text;
  const lines = text.trimEnd().split('\n');
  const namesSender = (line: string) => names.some((n) => line.toLowerCase().includes(n));
  for (let start = lines.length - 1; start >= Math.max(0, lines.length - 5); start--) {
    if (!SIGN_OFF.test(lines[start])) continue;
    const closing = lines.slice(start + 1);
    const short = closing.length > 0 && closing.every((l) => l.trim() !== '' && l.length <= 60);
    if (short && closing.some(namesSender)) return lines.slice(0, start).join('\n');
  }
  return dropNameCard(lines, names);
}

const SENTENCE_END = /[.!?。！？]\s*$/;

/** The last paragraph when it is a signature card starting with the sender's name; the text otherwise. */
function dropNameCard(lines: string[], names: string[]): string {
  const start = lines.findLastIndex((line) => line.trim() === '') + 1;
  const card = lines.slice(start);
  if (start === 0 || card.length === 0 || card.length > 6 || card.some((l) => l.length > 60)) return lines.join('\n');
  const [first, ...rest] = card.map((l) => l.trim());
  const words = (l: string) => l.split(/\s+/).length;
  const startsWithName = names.some((n) => first.replace(/^[-–—~\s]+/, '').toLowerCase().startsWith(n));
  // "John Doe" or "John E. Doe, Ph.D." then titles and contacts, never sentences
  const capitalised = first.split(/\s+/).every((w) => !/^\p{Ll}/u.test(w));
  const nameLine = startsWithName && capitalised && words(first) <= (rest.length ? 5 : 3);
  const cardLines = rest.every((l) => words(l) <= 6 && (!SENTENCE_END.test(l) || /@|www\.|https?:/.test(l)));
  return nameLine && cardLines ? lines.slice(0, start).join('\n') : lines.join('\n');
}

import type { ParsedMail } from './parse-mail';
import { readDeliveryReport } from './read-delivery-report';

export type AutoReplyReason = 'auto-submitted' | 'x-autoreply' | 'x-autorespond' | 'precedence' | 'vacation-subject' | 'inbox-rule';

/** Why a mail was sent by a machine to many (or to nobody in particular) rather than written to us. */
export type BulkReason = 'precedence' | 'list' | 'auto-generated' | 'auto-response-suppress' | 'loop' | 'inbox-rule';

export type BounceReason = 'delivery-report' | 'delivery-delayed' | 'mailer-daemon' | 'failed-recipients' | 'bounce-subject';

export type MailClassification =
  | { kind: 'normal' }
  /** Newsletters, list mail, machine notifications: they open tickets but get no automatic mail. */
  | { kind: 'bulk'; reason: BulkReason; detail: string }
  | { kind: 'auto-reply'; reason: AutoReplyReason; detail: string }
  | {
      kind: 'bounce';
      reason: BounceReason;
      detail: string;
      originalMessageId?: string;
      failedRecipients?: string[];
    };

export type ClassifiableMail = Pick<ParsedMail, 'headers' | 'from' | 'subject' | 'attachments' | 'text'>;

export interface Envelope {
  /** The SMTP MAIL FROM (from the SES event); '' is the null reverse-path of a bounce. */
  mailFrom?: string;
}

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|maildaemon|mail-delivery-subsystem|bounces?)@/i;
const DAEMON_NAME = /mail delivery (system|subsystem)|mailer-daemon|postmaster/i;
const BOUNCE_SUBJECT =
  /undeliver(ed|able)|delivery (status notification|failure|has failed|failed|problem)|returned mail|failure notice|mail delivery failed|could not be delivered|message not delivered|non[- ]remis|unzustellbar|nicht zugestellt|no se pudo entregar|no se puede entregar|non recapitabile|onbestelbaar|kan ikke leveres|olevererbart|kan inte levereras|não é possível entregar|nie można dostarczyć|nedoručitelné|kézbesíthetetlen|teslim edilemedi|не удается доставить|недоставлен|配信不能|無法傳遞|无法投递|退信|전달되지 않음/i;
// Anchored at the start: auto-replies put the marker first ("Automatic reply: <subject>"),
// while a person writing about an absence rarely starts the subject that way. Plain words
// like "Absence" must be followed by a colon ("Absence: Re: ...") to count.
const VACATION_SUBJECT =
  /^\s*[[(]?\s*(auto(matic)?[ _-]?(reply|response|antwort)|autoreply|out of (the )?office|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|respuesta autom[aá]tica|resposta autom[aá]tica|fuera de la oficina|risposta automatica|fuori ufficio|automatisch antwoord|afwezigheidsbericht|autosvar|automatisk svar|automaattinen vastaus|otomatik yan[ıi]t|automatikus v[áa]lasz|αυτόματη απάντηση|자동 ?응답|자동 ?회신|r[ăa]spuns automat|automatski odgovor|samodejni odgovor|автоматична відповідь|tự động trả lời|odpowied[źz] automatyczna|automatick[áa] odpov[ěe][ďd]|автоответ|автоматический ответ|自动回复|自動回覆|自動返信|自動応答)/i;
const ABSENCE_SUBJECT =
  /^\s*[[(]?\s*(ooo|absence|abwesend|abwesenheit|afwezig|ausente|en cong[ée]|fuori sede|fr[åa]nvarande|poissa|nieobecno[śs][ćc]|不在)\s*[\])]?\s*[:：]/i;

// Lotus Notes: "AUTO: Jane Doe is out of the office (returning 08.01.2024)"
const NOTES_AWAY_SUBJECT = /^\s*auto\s*:.{0,120}\bout of (the )?office\b/i;

/**
 * Tells auto-replies and bounces (suspended: neither creates a ticket) from bulk and machine
 * mail (a ticket, but never an automatic answer, so no loop can start) and from mail a person
 * wrote (RFC 3834). Bounces are checked first: most of them also carry `Auto-Submitted`, and
 * a bounce needs its original Message-ID to be recorded on the ticket. A null reverse-path
 * alone is not enough: spam uses it too. Never throws.
 */
export function classifyMail(mail: ClassifiableMail, envelope: Envelope = {}): MailClassification {
  return bounceOf(mail, envelope) ?? autoReplyOf(mail) ?? bulkOf(mail) ?? { kind: 'normal' };
}

function bounceOf(mail: ClassifiableMail, envelope: Envelope): MailClassification | undefined {
  const h = mail.headers;
  const contentType = (h['content-type'] ?? '').toLowerCase();
  const isReport = /multipart\/report/.test(contentType) && /report-type\s*=\s*"?delivery-status/.test(contentType);
  const hasStatusPart = mail.attachments.some((a) => /^message\/(global-)?delivery-status$/.test(a.contentType));
  const sender = mail.from?.address ?? '';
  const nullPath = envelope.mailFrom === '' || /^<\s*>$/.test((h['return-path'] ?? '').trim());
  const daemon = DAEMON.test(sender) || DAEMON_NAME.test(mail.from?.name ?? '');
  const bounceSubject = BOUNCE_SUBJECT.test(mail.subject);

  let reason: BounceReason | undefined;
  // Exchange marks its non-delivery reports even when they carry no delivery-status part
  const exchangeNdr = h['x-ms-exchange-message-is-ndr'] !== undefined;
  if (isReport || hasStatusPart || exchangeNdr) reason = 'delivery-report';
  else if (h['x-failed-recipients']) reason = 'failed-recipients';
  // postmaster@ is also a person's mailbox, so it needs a second sign of a bounce
  else if (daemon && (/^mailer-daemon@/i.test(sender) || nullPath || bounceSubject)) reason = 'mailer-daemon';
  // a null reverse-path, or no sender at all (some MTAs send their reports without a From)
  else if ((nullPath || !sender) && bounceSubject) reason = 'bounce-subject';
  if (!reason) return undefined;

  const report = readDeliveryReport(mail);
  if (reason === 'delivery-report' && report.delayedOnly) reason = 'delivery-delayed';
  const failed = report.failedRecipients;
  const detail = [
    reason === 'delivery-delayed' ? 'delivery is delayed' : 'delivery failed',
    failed.length ? ` for ${failed.join(', ')}` : '',
    report.status ? ` (status ${report.status})` : '',
    report.diagnostic ? `: ${report.diagnostic}` : `; reported by ${sender || 'an unknown sender'}`,
  ].join('');
  return {
    kind: 'bounce',
    reason,
    detail: clip(detail),
    ...(report.originalMessageId ? { originalMessageId: report.originalMessageId } : {}),
    ...(failed.length ? { failedRecipients: failed } : {}),
  };
}

/** Details end up in the suspended list and in logs: keep them a line long. */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

// sliced: these values are short, and the comment pattern must not scan a huge header
const headerValue = (h: Record<string, string>, name: string) =>
  (h[name] ?? '').slice(0, 200).replace(/\([^)]*\)/g, '').split(';')[0].trim().toLowerCase();

function autoReplyOf(mail: ClassifiableMail): MailClassification | undefined {
  const h = mail.headers;
  const value = (name: string) => headerValue(h, name);
  const autoReply = (reason: AutoReplyReason, detail: string): MailClassification => ({ kind: 'auto-reply', reason, detail: clip(detail) });

  const submitted = value('auto-submitted');
  // auto-replied is a response (RFC 3834 5.2); auto-generated is a notification, unless it
  // answers a mail, which is what many responders send instead.
  const answers = !!(h['in-reply-to'] || h.references);
  if (submitted === 'auto-replied' || (submitted && submitted !== 'no' && answers)) {
    return autoReply('auto-submitted', `Auto-Submitted: ${submitted}`);
  }
  for (const [header, reason] of [['x-autoreply', 'x-autoreply'], ['x-autorespond', 'x-autorespond'], ['x-autoreply-from', 'x-autoreply'], ['x-mail-autoreply', 'x-autoreply'], ['x-autogenerated', 'x-autoreply']] as const) {
    const v = value(header);
    if (h[header] !== undefined && v !== 'no' && v !== 'false') return autoReply(reason, `${header}: ${h[header]}`);
  }
  // Exchange marks what an inbox rule sent; answering a mail, that is a rule-made auto-reply
  if (h['x-ms-exchange-inbox-rules-loop'] !== undefined && answers) {
    return autoReply('inbox-rule', `X-MS-Exchange-Inbox-Rules-Loop: ${h['x-ms-exchange-inbox-rules-loop']}`);
  }
  const precedence = value('precedence') || value('x-precedence');
  if (precedence === 'auto_reply') return autoReply('precedence', `Precedence: ${precedence}`);
  if (VACATION_SUBJECT.test(mail.subject) || ABSENCE_SUBJECT.test(mail.subject) || NOTES_AWAY_SUBJECT.test(mail.subject)) return autoReply('vacation-subject', `subject "${mail.subject.trim()}"`);
  return undefined;
}

function bulkOf(mail: ClassifiableMail): MailClassification | undefined {
  const h = mail.headers;
  const value = (name: string) => headerValue(h, name);
  const bulk = (reason: BulkReason, detail: string): MailClassification => ({ kind: 'bulk', reason, detail: clip(detail) });
  const submitted = value('auto-submitted');
  if (submitted && submitted !== 'no') return bulk('auto-generated', `Auto-Submitted: ${submitted}`);
  const precedence = value('precedence') || value('x-precedence');
  if (['bulk', 'junk', 'list'].includes(precedence)) return bulk('precedence', `Precedence: ${precedence}`);
  const list = ['list-id', 'list-unsubscribe', 'list-post'].find((name) => h[name] !== undefined);
  if (list) return bulk('list', `${list}: ${h[list].slice(0, 120)}`);
  // a list manager or another ticket system marks its mail against loops; a rule forwarded it
  if (h['x-loop'] !== undefined) return bulk('loop', `X-Loop: ${h['x-loop'].slice(0, 120)}`);
  if (h['x-ms-exchange-inbox-rules-loop'] !== undefined) return bulk('inbox-rule', `X-MS-Exchange-Inbox-Rules-Loop: ${h['x-ms-exchange-inbox-rules-loop'].slice(0, 120)}`);
  const suppress = value('x-auto-response-suppress').split(/[\s,]+/);
  if (suppress.some((v) => ['all', 'oof', 'autoreply'].includes(v))) {
    return bulk('auto-response-suppress', `X-Auto-Response-Suppress: ${h['x-auto-response-suppress']}`);
  }
  return undefined;
}

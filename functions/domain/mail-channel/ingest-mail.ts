import type { SesReceiptNotification, SuspendReason } from '../../../schemas/email';
import { classifyMail, MalformedMailError, type ParsedMail, parseMail, readDeliveryReport } from '../email';
import type { Deps } from '../store/store';
import { claimInbound, completeInbound, releaseInbound } from './inbound-receipt';
import { AUTOMATED_MAIL_TAG, deliverMail } from './deliver-mail';
import { ticketOfMessageId } from './mail-refs';
import { mailboxesOf, routeRecipients } from './mailboxes';
import { overSenderLimit } from './rate-limit';
import { recordDeliveryFailure } from './record-delivery-failure';
import type { AttachmentStore } from '../ports/attachment-store';
import type { ObjectStore } from '../ports/object-store';
import { suspendMail } from './suspended-mail';
import { findThread } from './thread-mail';
import { verdictSuspension } from './verdicts';


export type IngestOutcome =
  | { kind: 'created' | 'replied'; ticketId: string; number: string; by?: string }
  | { kind: 'suspended'; reason: SuspendReason; suspendedId: string; ticketId?: string }
  | { kind: 'duplicate'; previous?: string }
  | { kind: 'no-mailbox' }
  /** SES's Lambda or SNS action, not the S3 action Helpdesk's receipt rule has: no stored mail to read, and no retry makes one. */
  | { kind: 'no-stored-mail'; reason: string };

/**
 * Takes one SES receipt notification to its effect: routes by the envelope recipients, reads
 * the raw MIME, and either threads it onto a ticket, opens one, or suspends it with a reason
 * (verdicts, auto-reply, bounce, malformed, sender over its rate). Delivered twice, it has one
 * effect (keyed on the Message-ID, else the object key).
 * @throws when the store or object store fails, or another worker holds the same mail: the
 * queue retries it.
 */
export async function ingestMail(deps: Deps, objects: ObjectStore, event: SesReceiptNotification, files: AttachmentStore): Promise<IngestOutcome> {
  const objectKey: string | undefined = event.receipt.action.objectKey;
  if (!objectKey) return { kind: 'no-stored-mail', reason: `the SES ${String(event.receipt.action.type ?? 'unknown')} action names no stored object` };
  const recipients = event.receipt.recipients.map((r) => r.toLowerCase());
  const route = await routeRecipients(deps, recipients);
  if (!route) return { kind: 'no-mailbox' };
  const { orgId } = route.mailbox;
  const bucket = event.receipt.action.bucketName;
  const raw = await objects.get(objectKey, bucket);
  const base = { orgId, recipients, bucket, objectKey };
  const rawObjectKey = objectKey;

  let mail: ParsedMail | undefined;
  let malformed: MalformedMailError | undefined;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    if (!(error instanceof MalformedMailError)) throw error;
    malformed = error;
  }
  const dedupeKey = mail?.messageId ? `mid:${mail.messageId}` : `object:${objectKey}`;
  const claim = await claimInbound(deps, orgId, dedupeKey);
  if (claim.state === 'done') return { kind: 'duplicate', previous: claim.outcome };
  if (claim.state === 'busy') throw new Error(`mail ${dedupeKey} is being processed by another worker`);
  const { messageId } = claim;

  try {
    const outcome = await decide();
    await completeInbound(deps, orgId, dedupeKey, JSON.stringify(outcome));
    return outcome;
  } catch (error) {
    await releaseInbound(deps, orgId, dedupeKey);
    throw error;
  }

  async function decide(): Promise<IngestOutcome> {
    const suspend = async (reason: SuspendReason, detail: string, ticketId?: string): Promise<IngestOutcome> => {
      const item = await suspendMail(deps, {
        ...base, reason, detail, ticketId,
        from: mail?.from?.address || event.mail.source || undefined,
        fromName: mail?.from?.name || undefined,
        subject: mail?.subject ?? event.mail.commonHeaders?.subject,
        messageId: mail?.messageId,
      });
      return { kind: 'suspended', reason, suspendedId: item.suspendedId, ticketId };
    };
    if (!mail) return suspend('malformed', `${malformed!.reason}: ${malformed!.message}`);
    const verdict = verdictSuspension(event.receipt, route!.mailbox);
    if (verdict) return suspend(verdict.reason, verdict.detail);

    const classification = classifyMail(mail, { mailFrom: event.mail.source });
    if (classification.kind === 'bounce') {
      const report = readDeliveryReport(mail);
      const original = classification.originalMessageId ?? report.originalMessageId;
      const ref = original ? await ticketOfMessageId(deps, orgId, original) : undefined;
      if (ref && original && ref.direction === 'out' && classification.reason !== 'delivery-delayed') {
        await recordDeliveryFailure(deps, orgId, ref.ticketId, {
          originalMessageId: original,
          failedRecipients: classification.failedRecipients ?? report.failedRecipients,
          status: report.status,
          diagnostic: report.diagnostic,
          reason: classification.reason,
        });
      }
      return suspend('bounce', `${classification.reason}: ${classification.detail}`, ref?.ticketId);
    }
    if (classification.kind === 'auto-reply') return suspend('auto-reply', `${classification.reason}: ${classification.detail}`);

    const sender = mail.from?.address;
    if (!sender) return suspend('no-sender', 'the mail names no sender address');
    if (await overSenderLimit(deps, orgId, sender, route!.mailbox.senderHourlyLimit)) {
      return suspend('rate-limited', `more than ${route!.mailbox.senderHourlyLimit} mails from ${sender} within an hour`);
    }
    const thread = await findThread(deps, orgId, mail, sender, route!.token);
    const mailboxes = (await mailboxesOf(deps, orgId)).map((m) => m.address);
    // Bulk and machine mail becomes a ticket the notifier never answers automatically.
    const tags = classification.kind === 'bulk' ? [AUTOMATED_MAIL_TAG] : [];
    const delivered = await deliverMail(deps, files, {
      orgId, mail, sender, rawObjectKey, mailbox: route!.mailbox.address, mailboxes, thread, dedupeKey, messageId, tags,
    });
    return { kind: delivered.kind, ticketId: delivered.ticketId, number: delivered.number, by: thread?.by };
  }
}

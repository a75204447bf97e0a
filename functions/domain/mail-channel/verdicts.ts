import type { SesReceiptNotification, SuspendReason } from '../../../schemas/email';
import type { Mailbox } from './mail-entities';

/**
 * Whether SES's verdicts keep the mail out of the ticket flow: a virus always; spam and a
 * DMARC failure when the mailbox's policy says so. `GRAY`/`PROCESSING_FAILED` pass.
 */
export function verdictSuspension(
  receipt: SesReceiptNotification['receipt'],
  mailbox: Pick<Mailbox, 'spamPolicy' | 'dmarcPolicy'>,
): { reason: SuspendReason; detail: string } | undefined {
  if (receipt.virusVerdict?.status === 'FAIL') return { reason: 'virus', detail: 'SES virus scan: FAIL' };
  if (receipt.spamVerdict?.status === 'FAIL' && mailbox.spamPolicy !== 'accept') {
    return { reason: 'spam', detail: 'SES spam verdict: FAIL' };
  }
  if (receipt.dmarcVerdict?.status === 'FAIL' && mailbox.dmarcPolicy !== 'accept') {
    return { reason: 'dmarc', detail: `DMARC: FAIL (sender policy ${receipt.dmarcPolicy ?? 'none'})` };
  }
  return undefined;
}

import type { Caller } from '../caller';
import { MalformedMailError } from '../email/errors';
import { RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { splitAddress } from './addresses';
import { deliverMail } from './deliver-mail';
import { mailboxesOf, senderMailboxFor } from './mailboxes';
import type { AttachmentStore } from '../ports/attachment-store';
import type { ObjectStore } from '../ports/object-store';
import { getSuspendedMail } from './suspended-mail';
import { findThread } from './thread-mail';

import { RECOVERED_TAG } from './mail-tags';

export { RECOVERED_TAG };

/**
 * An agent's "this is real mail after all": the suspended mail goes onto its ticket (threading
 * as inbound mail does) or opens one, and leaves the suspended list.
 * @throws NotFoundError, ForbiddenError; RuleViolationError when the raw mail cannot be parsed
 * or names no sender.
 */
export async function recoverSuspendedMail(deps: Deps, objects: ObjectStore, caller: Caller, suspendedId: string, files: AttachmentStore) {
  const item = await getSuspendedMail(deps, caller, suspendedId);
  // The MIME parser (mailparser, iconv-lite's charset tables) loads on the first recovery, not
  // when the suspended-mail function starts: listing and deleting need none of it.
  const { parseMail } = await import('../email/parse-mail');
  let mail;
  try {
    mail = await parseMail(await objects.get(item.objectKey, item.bucket));
  } catch (error) {
    if (error instanceof MalformedMailError) throw new RuleViolationError(`the raw mail cannot be read as a mail: ${error.message}`);
    throw error;
  }
  const sender = mail.from?.address;
  if (!sender) throw new RuleViolationError('the mail names no sender address to open a ticket for');
  const token = item.recipients.map((r) => splitAddress(r).token).find(Boolean);
  const thread = await findThread(deps, caller.orgId, mail, sender, token);
  const mailboxes = (await mailboxesOf(deps, caller.orgId)).map((m) => m.address);
  const mailbox = item.recipients.map((r) => splitAddress(r).base).find((r) => mailboxes.includes(r))
    ?? (await senderMailboxFor(deps, caller.orgId))?.address ?? '';
  const delivered = await deliverMail(deps, files, {
    orgId: caller.orgId, mail, sender, rawObjectKey: item.objectKey, mailbox, mailboxes, thread, tags: [RECOVERED_TAG],
  });
  await deps.store.entities.suspendedMail.delete({ orgId: caller.orgId, kind: 'suspended-mail', suspendedId }).go();
  return { ticketId: delivered.ticketId, number: delivered.number, reply: delivered.kind === 'replied' };
}

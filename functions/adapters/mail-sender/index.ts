import { SESv2Client } from '@aws-sdk/client-sesv2';
import { adapters } from '..';
import { config } from '../../config';
import { localStateDir } from '../local-state';
import { SesMailSender } from './mail-sender.aws';
import { LocalMailSender } from './mail-sender.local';
import type { MailSender } from './mail-sender.port';

export type { MailSender, OutgoingMail } from './mail-sender.port';

let chosen: MailSender | undefined;

/** The mail sender of this runtime, chosen once: SES v2, or the local outbox folder. */
export function mailSender(): MailSender {
  chosen ??= config().HELPDESK_RUNTIME === 'local'
    ? new LocalMailSender(localStateDir('outbox'), () => adapters().clock.now())
    : new SesMailSender(new SESv2Client({}), process.env.SES_CONFIGURATION_SET);
  return chosen;
}

/** The local outbox, for the dev route. @throws when not running locally. */
export function localOutbox(): LocalMailSender {
  const sender = mailSender();
  if (!(sender instanceof LocalMailSender)) throw new Error('not running locally');
  return sender;
}

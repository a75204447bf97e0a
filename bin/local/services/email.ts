import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { splitAddress } from '../../../functions/domain/mail-channel/addresses';
import { putMailbox } from '../../../functions/domain/mail-channel/mailboxes';
import { DEMO_ORG, OTHER_ORG } from '../seed';
import { sesNotification, snsEnvelope } from './email-ses-notification';
import type { LocalService } from './service';

export const SUPPORT_ADDRESS = 'support@demo.helpdesk.local';
export const OTHER_SUPPORT_ADDRESS = 'support@other.helpdesk.local';
/** SES accepts up to 40 MB; 25 MB is what most providers let a mail carry. */
const MAX_MAIL_BYTES = 25 * 1024 * 1024;

/**
 * Plays SES inbound: a real SMTP server that accepts mail for the organizations' mailboxes
 * (unknown recipients are refused at RCPT TO), stores the raw MIME in the local object store
 * and puts the same SES receipt notification (as SNS delivers it) on the `email-inbound` queue.
 */
export const emailService: LocalService = {
  name: 'email',
  start: async (ctx) => {
    const { deps } = ctx.runtime;
    await putMailbox(deps, { address: SUPPORT_ADDRESS, orgId: DEMO_ORG.orgId, displayName: 'Demo Support' });
    await putMailbox(deps, { address: OTHER_SUPPORT_ADDRESS, orgId: OTHER_ORG.orgId, displayName: 'Other Support' });
    const objects = ctx.world.objects;
    // Links in mail (survey, unsubscribe) point at this runtime's API, whose port is known only now.
    ctx.runtime.config.links.apiUrl ??= ctx.httpUrl;

    const server = new SMTPServer({
      name: 'helpdesk.local',
      banner: 'Helpdesk local SES stand-in',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MAIL_BYTES,
      logger: false,
      onRcptTo(address, _session, callback) {
        const { base } = splitAddress(address.address);
        deps.store.entities.mailbox.get({ address: base }).go().then(
          ({ data }) => callback(data ? null : Object.assign(new Error(`5.1.1 <${address.address}>: no such mailbox here`), { responseCode: 550 })),
          (error: Error) => callback(Object.assign(new Error(`4.3.0 mailbox lookup failed: ${error.message}`), { responseCode: 451 })),
        );
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error) => callback(error));
        stream.on('end', () => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error(`5.3.4 message larger than ${MAX_MAIL_BYTES} bytes`), { responseCode: 552 }));
            return;
          }
          const raw = Buffer.concat(chunks);
          const sesMessageId = randomUUID().replace(/-/g, '');
          const objectKey = `inbound/${sesMessageId}`;
          const receivedAt = ctx.world.clock.now();
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const notification = sesNotification({ sesMessageId, receivedAt, mailFrom, recipients, objectKey, raw });
          objects
            .put(objectKey, raw, 'message/rfc822')
            .then(() => ctx.world.queues.send('email-inbound', snsEnvelope(notification, randomUUID(), receivedAt)))
            .then(() => callback(null, `2.0.0 Ok: queued as ${sesMessageId}`), (error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(Number(process.env.SMTP_PORT ?? (process.env.HTTP_PORT === '0' ? 0 : 2525)), '127.0.0.1', () => resolve());
    });
    server.on('error', (error) => console.error('smtp:', error.message));
    const { port } = server.server.address() as AddressInfo;
    return {
      contract: { smtpPort: port, supportAddress: SUPPORT_ADDRESS, otherSupportAddress: OTHER_SUPPORT_ADDRESS },
      banner: [`SMTP        127.0.0.1:${port}  (plays SES inbound; mail ${SUPPORT_ADDRESS}; sent mail: .local/outbox/, GET /v1/dev/outbox)`],
      stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
};

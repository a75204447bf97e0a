import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailSender, OutgoingMail } from '../domain/ports/mail-sender';

/** SES v2 SendEmail with Raw content: our own Message-ID, In-Reply-To and References go out unchanged. */
export class SesMailSender implements MailSender {
  constructor(private readonly client: SESv2Client, private readonly configurationSet?: string) {}

  async send(mail: OutgoingMail): Promise<{ providerId: string }> {
    const out = await this.client.send(new SendEmailCommand({
      FromEmailAddress: mail.from,
      Destination: { ToAddresses: mail.to },
      Content: { Raw: { Data: new Uint8Array(mail.raw) } },
      ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
    }));
    return { providerId: out.MessageId ?? '' };
  }
}

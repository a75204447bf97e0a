/** A composed MIME message ready to send. */
export interface OutgoingMail {
  from: string;
  to: string[];
  /** The full RFC 5322 message, headers included. */
  raw: Buffer;
}

/** Sends mail: SES v2 in AWS, `.eml` files in `.local/outbox/` locally. */
export interface MailSender {
  /** @returns the provider's id of the accepted message. */
  send(mail: OutgoingMail): Promise<{ providerId: string }>;
}

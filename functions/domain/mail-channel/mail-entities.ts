import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';
import { onGlobalIndex } from '../../manifest/table';

/**
 * An inbound address of an organization. Inbound routing starts from the envelope recipient
 * alone, before any tenant is known, so this is the one key that starts with the address: the
 * address is itself globally unique (like a domain name) and maps to exactly one tenant.
 * The org-first index (gsi1) lists an organization's mailboxes.
 */
export const mailboxEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'mailbox', version: '1' },
      attributes: {
        address: { type: 'string', required: true, readOnly: true },
        orgId: { type: 'string', required: true, readOnly: true },
        /** Shown as the From name of outbound mail. */
        displayName: { type: 'string' },
        /** What to do with mail SES marks as spam / failing DMARC. */
        spamPolicy: { type: ['suspend', 'accept'] as const, required: true, default: 'suspend' },
        dmarcPolicy: { type: ['suspend', 'accept'] as const, required: true, default: 'suspend' },
        /** Mails per sender per hour before the rest is suspended as a probable loop. */
        senderHourlyLimit: { type: 'number', required: true, default: 30 },
        /** Per-org template overrides: { created?, reply?, resolved?, closed? } → { subject?, text? }. */
        templates: { type: 'any' },
        /** A constant in the org index key, so this partition holds mailboxes only. */
        kind: { type: 'string', required: true, readOnly: true, default: 'mailbox' },
        /** Set on first creation and kept on replace; mailboxes made before it existed have none. */
        createdAt: { type: 'string' },
      },
      indexes: {
        byAddress: { pk: { field: 'pk', composite: ['address'] }, sk: { field: 'sk', composite: [] } },
        byOrg: {
          ...onGlobalIndex('gsi1', ['orgId', 'kind'], ['address']),
        },
      },
    },
    config,
  );

/**
 * The organization's primary mailbox: the sender of mail on tickets without a mail thread and of
 * the weekly summary. One item per org, so there is never more than one primary; moving it is one
 * conditional put inside the mailbox write's transaction.
 */
export const primaryMailboxEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'primaryMailbox', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        address: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/** A Message-ID the system received or sent → its ticket (tenant first). */
export const mailRefEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'mailRef', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        messageId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        direction: { type: ['in', 'out'] as const, required: true },
        /** Address we sent to (outbound), so a bounce can name the failed recipient. */
        to: { type: 'string' },
        /** Our mailbox the mail came in on or went out from: later mail on the ticket keeps it. */
        mailbox: { type: 'string' },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byMessageId: { pk: { field: 'pk', composite: ['orgId', 'messageId'] }, sk: { field: 'sk', composite: [] } },
        // The ticket's mail ids in time order (References of outbound mail); same partition as
        // the ticket, outside its `thread` collection.
        byTicket: {
          ...onGlobalIndex('gsi2', ['orgId', 'ticketId'], ['createdAt', 'messageId']),
        },
      },
    },
    config,
  );

/** An address that took part in a ticket by mail (Cc of the first mail): may reply by subject number. */
export const mailParticipantEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'mailParticipant', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        address: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byTicket: {
          pk: { field: 'pk', composite: ['orgId', 'ticketId', 'address'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    config,
  );

/** A mail that did not become a ticket or reply (auto-reply, bounce, spam, malformed, ...). */
export const suspendedMailEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'suspendedMail', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        suspendedId: { type: 'string', required: true, readOnly: true },
        reason: { type: 'string', required: true },
        detail: { type: 'string', required: true },
        from: { type: 'string' },
        fromName: { type: 'string' },
        subject: { type: 'string' },
        messageId: { type: 'string' },
        recipients: { type: 'list', items: { type: 'string' }, required: true },
        bucket: { type: 'string' },
        objectKey: { type: 'string', required: true },
        /** Set when the bounce named a ticket of ours (its delivery failure is recorded there). */
        ticketId: { type: 'string' },
        receivedAt: { type: 'string', required: true },
        kind: { type: 'string', required: true, readOnly: true, default: 'suspended-mail' },
      },
      indexes: {
        byOrg: {
          pk: { field: 'pk', composite: ['orgId', 'kind'] },
          sk: { field: 'sk', composite: ['suspendedId'] },
        },
      },
    },
    config,
  );

/**
 * One inbound mail's processing, keyed by its Message-ID (or object key): a claim with a
 * lease while it is processed, then `done`, so a mail delivered twice has one effect.
 */
export const inboundReceiptEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'inboundReceipt', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        dedupeKey: { type: 'string', required: true, readOnly: true },
        state: { type: ['processing', 'done'] as const, required: true },
        leaseUntil: { type: 'number', required: true },
        /** The id of the message the mail becomes, fixed at the first claim (see claimInbound). */
        messageId: { type: 'string' },
        outcome: { type: 'string' },
        ttl: { type: 'number' },
      },
      indexes: {
        byKey: { pk: { field: 'pk', composite: ['orgId', 'dedupeKey'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/** Mails from one sender in one hour window; TTL removes old windows. */
export const mailRateEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'mailRate', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        sender: { type: 'string', required: true, readOnly: true },
        window: { type: 'string', required: true, readOnly: true },
        count: { type: 'number', required: true, default: 0 },
        ttl: { type: 'number' },
      },
      indexes: {
        byWindow: { pk: { field: 'pk', composite: ['orgId', 'sender', 'window'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export type Mailbox = EntityItem<ReturnType<typeof mailboxEntity>>;
export type MailRef = EntityItem<ReturnType<typeof mailRefEntity>>;
export type SuspendedMail = EntityItem<ReturnType<typeof suspendedMailEntity>>;

/** A customer address that asked for no more survey mail (the List-Unsubscribe of survey mail). */
export const mailOptOutEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'mailOptOut', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true, readOnly: true },
        topic: { type: ['surveys'] as const, required: true, readOnly: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byAddress: { pk: { field: 'pk', composite: ['orgId', 'email', 'topic'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

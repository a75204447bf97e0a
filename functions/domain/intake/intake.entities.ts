import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A public organization handle → the organization. Like a mailbox address it is the entry
 * point before any tenant is known, so its key starts with the slug; the conditional create
 * of this item is what makes a slug unique.
 */
export const orgSlugEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'orgSlug', version: '1' },
      attributes: {
        slug: { type: 'string', required: true, readOnly: true },
        orgId: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        bySlug: { pk: { field: 'pk', composite: ['slug'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/** The organization's public web form: its slug, branding and limits (tenant first). */
export const webFormEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'webForm', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        slug: { type: 'string', required: true },
        brandName: { type: 'string', required: true },
        colour: { type: 'string', required: true, default: '#2456d6' },
        perEmailPerHour: { type: 'number', required: true, default: 10 },
        perIpPerHour: { type: 'number', required: true, default: 60 },
        enabled: { type: 'boolean', required: true, default: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/**
 * One fixed window of a public submission limit: an atomic ADD per request, TTL removes it.
 * `scope` is `email`, `ip` or `upload` (the form's file slots, per IP); the key is per organization, so one noisy sender never shares a
 * partition with another tenant's traffic.
 */
export const intakeRateEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'intakeRate', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        scope: { type: ['email', 'ip', 'upload'] as const, required: true, readOnly: true },
        subject: { type: 'string', required: true, readOnly: true },
        window: { type: 'string', required: true, readOnly: true },
        count: { type: 'number', required: true, default: 0 },
        ttl: { type: 'number' },
      },
      indexes: {
        byWindow: { pk: { field: 'pk', composite: ['orgId', 'scope', 'subject', 'window'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/**
 * SHA-256 of a tracking token → its ticket. Only the hash is kept: a copy of the table does
 * not open anyone's tracking page. The token is the entry point, so the key starts with it.
 */
export const trackingTokenEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'trackingToken', version: '1' },
      attributes: {
        tokenHash: { type: 'string', required: true, readOnly: true },
        orgId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byHash: { pk: { field: 'pk', composite: ['tokenHash'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/**
 * The confirmation mail still owed for a web-form ticket: the tracking link in clear, for the
 * mail notifier only. Written with the ticket, deleted once mailed, and TTL removes it after a
 * day in any case, so the clear token lives no longer than its delivery.
 */
export const trackingMailEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'trackingMail', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        trackingUrl: { type: 'string', required: true },
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byTicket: { pk: { field: 'pk', composite: ['orgId', 'ticketId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export type WebForm = EntityItem<ReturnType<typeof webFormEntity>>;

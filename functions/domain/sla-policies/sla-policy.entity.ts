import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * An organization's SLA policy. Policies and the org's default pointer share one partition
 * (collection `slaPolicies`), so one Query reads them all; the pointer makes "exactly one
 * default" a single conditional item instead of a flag to keep consistent across items.
 */
export const slaPolicyEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'slaPolicy', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        policyId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        calendar: { type: 'any', required: true },
        targets: { type: 'any', required: true },
        /** SlaPolicyConditions; absent: the policy is chosen only as the default. */
        conditions: { type: 'any' },
        /** Matching order (lower first); absent on policies from before conditions: 100. */
        order: { type: 'number' },
        /** Absent on policies from before conditions: enabled. */
        enabled: { type: 'boolean' },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        version: { type: 'number', required: true },
      },
      indexes: {
        byOrg: {
          collection: 'slaPolicies',
          pk: { field: 'pk', composite: ['orgId'] },
          sk: { field: 'sk', composite: ['policyId'] },
        },
      },
    },
    config,
  );

/** The organization's default policy: at most one item per org, so at most one default. */
export const slaDefaultPolicyEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'slaDefaultPolicy', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        policyId: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: {
          collection: 'slaPolicies',
          pk: { field: 'pk', composite: ['orgId'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    config,
  );

export type SlaPolicyItem = EntityItem<ReturnType<typeof slaPolicyEntity>>;

/**
 * The SLA timers the planner keeps live for a ticket (name and due instant), so it can delete
 * those that no longer apply. An item of its own, not on the ticket: writing it must not bump
 * the ticket's version.
 */
export const ticketTimersEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'ticketTimers', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        timers: { type: 'any', required: true },
        /** The ticket version the set was planned from; an older plan never overwrites a newer one. */
        basedOnVersion: { type: 'number', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byTicket: {
          pk: { field: 'pk', composite: ['orgId', 'ticketId'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    config,
  );

export type TicketTimersItem = EntityItem<ReturnType<typeof ticketTimersEntity>>;

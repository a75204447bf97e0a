import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/** A department (team, queue) of the organization; agents belong to it through their directory entry. */
export const departmentEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'department', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        departmentId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        description: { type: 'string' },
        tier: { type: 'number' },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['departmentId'] } },
      },
    },
    config,
  );

/**
 * An agent's load: open tickets assigned to them, moved only by atomic ADDs (never counted
 * by a query over tickets). One item per (org, agent), so no key is shared across agents.
 */
export const agentLoadEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'agentLoad', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        openAssigned: { type: 'number', required: true, default: 0 },
        lastAssignedAt: { type: 'string' },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['userId'] } },
      },
    },
    config,
  );

/**
 * Whom a ticket's load is counted on, as of which ticket version. Counters move only together
 * with this item, guarded by its version, so a redelivered or late event (its version is not
 * newer) changes nothing: the counters converge on the tickets' latest states.
 * It lives in the ticket's partition (collection-free), so it adds no partition.
 */
export const loadHolderEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'loadHolder', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        ticketId: { type: 'string', required: true, readOnly: true },
        agentId: { type: 'string' },
        counted: { type: 'boolean', required: true },
        ticketVersion: { type: 'number', required: true },
      },
      indexes: {
        byTicket: { pk: { field: 'pk', composite: ['orgId', 'ticketId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/** The organization's routing rules: one small item, read whole by the router. */
export const routingConfigEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'routingConfig', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        rules: { type: 'any', required: true },
        fallback: { type: 'any' },
        updatedAt: { type: 'string', required: true },
        updatedBy: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/** Round robin's place per department: who got the last ticket, moved by a conditional write. */
export const routingCursorEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'routingCursor', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        departmentId: { type: 'string', required: true, readOnly: true },
        lastAgentId: { type: 'string', required: true },
        seq: { type: 'number', required: true },
      },
      indexes: {
        byDepartment: { pk: { field: 'pk', composite: ['orgId', 'departmentId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/**
 * "This consumer applied this event": written in the same transaction as the effect, so a
 * redelivered event fails the condition and changes nothing. Expires after a week (TTL).
 */
export const eventMarkerEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'eventMarker', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        consumer: { type: 'string', required: true, readOnly: true },
        eventId: { type: 'string', required: true, readOnly: true },
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byEvent: { pk: { field: 'pk', composite: ['orgId', 'consumer', 'eventId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export type Department = EntityItem<ReturnType<typeof departmentEntity>>;
export type AgentLoad = EntityItem<ReturnType<typeof agentLoadEntity>>;
export type LoadHolder = EntityItem<ReturnType<typeof loadHolderEntity>>;
export type RoutingConfigItem = EntityItem<ReturnType<typeof routingConfigEntity>>;
export type RoutingCursor = EntityItem<ReturnType<typeof routingCursorEntity>>;

import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * An open WebSocket connection and who it is (from the token verified at `$connect`). Keyed by
 * the connection id alone: `$default` and `$disconnect` events carry nothing else. Connection
 * ids are issued by API Gateway and not guessable; the item carries the tenant for every
 * later key. `rooms` lists its subscription items so they can be removed with it.
 */
export const wsConnectionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'wsConnection', version: '1' },
      attributes: {
        connectionId: { type: 'string', required: true, readOnly: true },
        orgId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true },
        role: { type: 'string', required: true },
        email: { type: 'string', required: true },
        name: { type: 'string' },
        rooms: { type: 'set', items: 'string' },
        connectedAt: { type: 'string', required: true },
        /** Epoch seconds: API Gateway closes a connection after 2 h, TTL removes what is left. */
        ttl: { type: 'number', required: true },
      },
      indexes: {
        // API Gateway connection ids are case-sensitive: keys keep their case.
        byId: { pk: { field: 'pk', composite: ['connectionId'], casing: 'none' }, sk: { field: 'sk', composite: [], casing: 'none' } },
      },
    },
    config,
  );

/**
 * A connection's membership of a room (`tickets`: the org's list; `ticket#<id>`: one ticket).
 * The room is the partition, so the broadcaster reads a room's members with one Query; the
 * subscriber's role, email and list filter ride along so it filters without another read.
 */
export const wsSubscriptionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'wsSubscription', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        room: { type: 'string', required: true, readOnly: true },
        connectionId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true },
        role: { type: 'string', required: true },
        email: { type: 'string', required: true },
        name: { type: 'string' },
        filterStatus: { type: 'string' },
        filterAssigneeId: { type: 'string' },
        /** Presence: set while the connection says it views the ticket. */
        viewingSince: { type: 'string' },
        ttl: { type: 'number', required: true },
      },
      indexes: {
        byRoom: {
          pk: { field: 'pk', composite: ['orgId', 'room'], casing: 'none' },
          sk: { field: 'sk', composite: ['connectionId'], casing: 'none' },
        },
      },
    },
    config,
  );

export type WsConnection = EntityItem<ReturnType<typeof wsConnectionEntity>>;
export type WsSubscription = EntityItem<ReturnType<typeof wsSubscriptionEntity>>;

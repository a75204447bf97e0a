import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import { activityEntity } from '../tickets/activity.entity';
import { counterEntity, ticketNumberEntity } from '../tickets/counter.entity';
import { messageEntity } from '../tickets/message.entity';
import { ticketEntity } from '../tickets/ticket.entity';
import { organizationEntity, userEntity } from '../users/user.entity';

/** All entities of the single table, in one ElectroDB service (collections, transactions). */
export function createStore(client: DynamoDBDocumentClient, table: string) {
  const config = { client, table };
  return new Service({
    ticket: ticketEntity(config),
    message: messageEntity(config),
    activity: activityEntity(config),
    counter: counterEntity(config),
    ticketNumber: ticketNumberEntity(config),
    user: userEntity(config),
    organization: organizationEntity(config),
  });
}

export type Store = ReturnType<typeof createStore>;

/** What every use case gets: the store, a clock and an id source, so tests can fix both. */
export interface Deps {
  store: Store;
  now: () => Date;
  newId: () => string;
}

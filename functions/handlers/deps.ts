import { monotonicFactory } from 'ulid';
import { adapters } from '../adapters';
import { config } from '../config';
import { createDynamoClients } from '../domain/store/dynamodb-client';
import { type Deps, createStore } from '../domain/store/store';

const clients = createDynamoClients();
const ulid = monotonicFactory();

/** The container's dependencies, built once outside the handlers. */
export const dynamo = clients;
export const deps: Deps = {
  store: createStore(clients.document, config().TABLE_NAME),
  now: () => adapters().clock.now(),
  newId: () => ulid(),
};

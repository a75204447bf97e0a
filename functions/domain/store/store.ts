import * as electrodb from 'electrodb';
import { type DocumentClient, type Entity, Service } from 'electrodb';
import { attachmentEntity } from '../attachments/attachment.entity';
import { outboxJobEntity } from '../outbox/outbox-job.entity';
import { weeklySummaryMailEntity } from '../analytics/weekly-summary.entity';
import { activityEntity } from '../tickets/activity.entity';
import { creationQuotaEntity } from '../tickets/creation-quota';
import { counterEntity, ticketNumberEntity } from '../tickets/counter.entity';
import { messageEntity } from '../tickets/message.entity';
import { ticketEntity } from '../tickets/ticket.entity';
import { organizationEntity, userEmailEntity, userEntity } from '../users/user.entity';
import { webhookAttemptEntity, webhookDeliveryEntity, webhookEndpointEntity } from '../webhooks/webhook.entities';
import { wsConnectionEntity, wsSubscriptionEntity } from '../realtime/connection.entity';
import { slaDefaultPolicyEntity, slaPolicyEntity, ticketTimersEntity } from '../sla-policies/sla-policy.entity';
import {
  inboundReceiptEntity, mailOptOutEntity, mailParticipantEntity, mailRateEntity, mailRefEntity, mailboxEntity, primaryMailboxEntity, suspendedMailEntity,
} from '../mail-channel/mail-entities';
import {
  intakeRateEntity, orgSlugEntity, trackingMailEntity, trackingTokenEntity, webFormEntity,
} from '../intake/intake.entities';
import {
  metaChannelEntity, metaChannelKeyEntity, metaContactEntity, metaMessageRefEntity, metaRecordEntity, metaVerifyTokenEntity,
} from '../meta/meta-entities';
import {
  agentLoadEntity, departmentEntity, eventMarkerEntity, loadHolderEntity, routingConfigEntity, routingCursorEntity,
} from '../team/team.entities';
import { settingsChangeEntity } from '../settings/settings.entity';
import { automationRuleEntity } from '../automations/automation.entity';
import { bulkJobEntity, bulkJobOutcomeEntity } from '../tickets/bulk-job.entity';
import { cannedReplyEntity, categoryEntity, customFieldEntity } from '../catalog/catalog.entities';
import { statsCellEntity } from '../analytics/stats.entities';
import { exportJobEntity } from '../analytics/export-job.entity';
import { kbArticleEntity, kbArticleVersionEntity, kbDeflectionEntity, kbIndexEntity, kbRateEntity } from '../kb/kb.entities';
import { assistModelEntity } from '../assist/assist.entities';
import { customStatusEntity } from '../statuses/custom-status.entity';

/**
 * Every entity of the single table: its name in the store and the factory that builds it. The
 * order is the full Service's join order, which ElectroDB reads: a collection's first member
 * runs its query, and a transaction's identifiers are matched in this order.
 */
const ENTITIES = {
  ticket: ticketEntity,
  message: messageEntity,
  activity: activityEntity,
  counter: counterEntity,
  ticketNumber: ticketNumberEntity,
  user: userEntity,
  organization: organizationEntity,
  webhookEndpoint: webhookEndpointEntity,
  webhookDelivery: webhookDeliveryEntity,
  webhookAttempt: webhookAttemptEntity,
  wsConnection: wsConnectionEntity,
  wsSubscription: wsSubscriptionEntity,
  slaPolicy: slaPolicyEntity,
  slaDefaultPolicy: slaDefaultPolicyEntity,
  ticketTimers: ticketTimersEntity,
  mailbox: mailboxEntity,
  primaryMailbox: primaryMailboxEntity,
  mailRef: mailRefEntity,
  mailParticipant: mailParticipantEntity,
  suspendedMail: suspendedMailEntity,
  inboundReceipt: inboundReceiptEntity,
  mailRate: mailRateEntity,
  orgSlug: orgSlugEntity,
  webForm: webFormEntity,
  intakeRate: intakeRateEntity,
  trackingToken: trackingTokenEntity,
  trackingMail: trackingMailEntity,
  metaChannel: metaChannelEntity,
  metaChannelKey: metaChannelKeyEntity,
  metaVerifyToken: metaVerifyTokenEntity,
  metaContact: metaContactEntity,
  metaMessageRef: metaMessageRefEntity,
  metaRecord: metaRecordEntity,
  department: departmentEntity,
  agentLoad: agentLoadEntity,
  loadHolder: loadHolderEntity,
  routingConfig: routingConfigEntity,
  routingCursor: routingCursorEntity,
  eventMarker: eventMarkerEntity,
  category: categoryEntity,
  customField: customFieldEntity,
  cannedReply: cannedReplyEntity,
  attachment: attachmentEntity,
  creationQuota: creationQuotaEntity,
  mailOptOut: mailOptOutEntity,
  outboxJob: outboxJobEntity,
  statsCell: statsCellEntity,
  exportJob: exportJobEntity,
  kbArticle: kbArticleEntity,
  kbArticleVersion: kbArticleVersionEntity,
  kbIndex: kbIndexEntity,
  kbDeflection: kbDeflectionEntity,
  kbRate: kbRateEntity,
  assistModel: assistModelEntity,
  customStatus: customStatusEntity,
  settingsChange: settingsChangeEntity,
  automationRule: automationRuleEntity,
  bulkJob: bulkJobEntity,
  bulkJobOutcome: bulkJobOutcomeEntity,
  weeklySummaryMail: weeklySummaryMailEntity,
  userEmail: userEmailEntity,
};

type EntityName = keyof typeof ENTITIES;
type Entities = { [K in EntityName]: ReturnType<(typeof ENTITIES)[K]> };

/** The store's entity names, in the full Service's order. */
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

/**
 * Each ElectroDB collection's members, in the full Service's order (the first runs the query).
 * One place: a new `collection:` on an entity index goes here too, and
 * test/unit/domain/store/lazy-store.test.ts fails until it does.
 */
export const COLLECTION_MEMBERS = {
  thread: ['ticket', 'message', 'activity'],
  slaPolicies: ['slaPolicy', 'slaDefaultPolicy'],
  bulkJob: ['bulkJob', 'bulkJobOutcome'],
} as const satisfies Record<string, readonly EntityName[]>;

/**
 * The full ElectroDB Service of every entity, built at once. Its type is `Store`; the deployed
 * code never calls it (see `createStore`), the tests build it as the reference the lazy store
 * must equal.
 */
export function createFullStore(client: DocumentClient, table: string) {
  const config = { client, table };
  const entities = Object.fromEntries(ENTITY_NAMES.map((name) => [name, ENTITIES[name](config)])) as Entities;
  return new Service(entities);
}

/** The single table's entities, collections and transactions: ElectroDB's Service of every entity, as its callers see it. */
export type Store = ReturnType<typeof createFullStore>;

type AnyEntity = Entity<any, any, any, any>;
type TransactionFactory = (entities: Record<string, AnyEntity>, fn: (entities: never) => unknown[]) => unknown;
// electrodb exports these at runtime (index.js) but its typings leave them undeclared.
const { createWriteTransaction, createGetTransaction } = electrodb as unknown as {
  createWriteTransaction: TransactionFactory;
  createGetTransaction: TransactionFactory;
};

/**
 * The store a container uses: the same `Store` as the full Service, built lazily. Building all
 * ~60 entities (each validates its model) cost a cold start about a second in every function
 * whatever it used, so here:
 * - `entities.x` builds entity x on first access and keeps it;
 * - `collections.y(...)` builds, on first use, a Service of only y's members (`COLLECTION_MEMBERS`);
 * - `transaction.write(fn)` / `.get(fn)` hand ElectroDB's own `createWriteTransaction` /
 *   `createGetTransaction` fn's items with the entities built so far, in the Service's order:
 *   the first is the driver, and a cancelled transaction's reasons and a read's items are
 *   matched to those entities by name and version, as a Service matches them among all of its.
 */
export function createStore(client: DocumentClient, table: string): Store {
  const config = { client, table };
  const entities = {} as Record<EntityName, AnyEntity>;
  const built = new Set<EntityName>();
  for (const name of ENTITY_NAMES) {
    Object.defineProperty(entities, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        const entity = ENTITIES[name](config);
        Object.defineProperty(entities, name, { value: entity, enumerable: true });
        built.add(name);
        return entity;
      },
    });
  }
  const subset = (names: readonly EntityName[]) => Object.fromEntries(names.map((name) => [name, entities[name]]));

  const collections: Record<string, (...facets: unknown[]) => unknown> = {};
  for (const [collection, members] of Object.entries(COLLECTION_MEMBERS)) {
    let service: { collections: Record<string, (...facets: unknown[]) => unknown> } | undefined;
    collections[collection] = (...facets) => {
      service ??= new Service(subset(members)) as never;
      return service!.collections[collection](...facets);
    };
  }

  const transaction = (create: TransactionFactory) => (fn: (entities: never) => unknown[]) => {
    // ElectroDB takes the entities before it runs fn (the first is the driver; cancellation
    // reasons and read items are matched to them), so fn runs here, once per params()/go() as
    // in a Service, and ElectroDB gets its items with every entity built so far: those include
    // each one an item was made from (a commit needs its entity built), even one fn did not
    // take from its argument, and nothing is built for it.
    const build = () => {
      const items = fn(entities as never);
      const names = ENTITY_NAMES.filter((name) => built.has(name));
      // Nothing built means no items; ElectroDB still wants a driver before it sees that.
      return create(subset(names.length ? names : ENTITY_NAMES.slice(0, 1)), () => items) as { params(o?: unknown): unknown; go(o?: unknown): unknown };
    };
    // go() stays a promise that rejects (not a synchronous throw) when fn throws, as ElectroDB's does.
    return { params: (options?: unknown) => build().params(options), go: async (options?: unknown) => build().go(options) };
  };

  const store = { entities, collections, transaction: { write: transaction(createWriteTransaction), get: transaction(createGetTransaction) } };
  return store as unknown as Store;
}

/** What every use case gets: the store, a clock and an id source, so tests can fix both. */
export interface Deps {
  store: Store;
  now: () => Date;
  newId: () => string;
}

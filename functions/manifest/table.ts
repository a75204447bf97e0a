/**
 * The one definition of the single table: keys, indexes, TTL and stream.
 * Read by the CDK stack (lib/) and by the local bootstrap (bin/local), so the two cannot drift.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /**
   * The non-key attributes the index carries (INCLUDE): what its queries filter on and what
   * its readers use, nothing more. The table's and the index's keys come with every item.
   */
  include: readonly string[];
}

/** ElectroDB's ownership marks: an index item without them is not recognised as its entity's. */
const OWNER = ['__edb_e__', '__edb_v__'] as const;
/**
 * What a ticket list filters on (functions/domain/tickets/list-tickets.ts), and the key
 * attributes ElectroDB rebuilds a page's cursor from; the page's tickets are then read by id
 * (one BatchGetItem).
 */
const TICKET_LIST = [
  'orgId', 'ticketId', 'createdAt', 'updatedAt', 'status', 'assigneeKey', 'requesterEmail', 'priority', 'category', 'channel', 'type',
  'departmentId', 'watchers', 'tags', 'customStatusId',
] as const;

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'ttl',
  stream: 'NEW_AND_OLD_IMAGES' as const,
  /**
   * Narrow projections (INCLUDE). A ticket is ~1.5-2 KB with its (compressed) SLA state and twelve index keys;
   * projecting ALL copied it into five indexes on every write, twice where the update time
   * (in four sort keys) moved the entry: most of a lifecycle's write units. An index item here
   * is a few hundred bytes, one write unit. DynamoDB caps INCLUDE at 20 attribute names an index and
   * 100 summed over all indexes, so a full ticket view (38 fields) cannot be
   * carried by five indexes: lists read their page's tickets with one BatchGetItem instead.
   * Changing a projection means recreating the index: bin/local/ensure-table.ts does it for a
   * local table; a deployed stack must drop and re-add each index (one per deployment).
   */
  globalIndexes: [
    // an org's mailboxes (mail-channel/mailboxes.ts reads them by address). Tickets are no longer
    // written here (list-across-statuses.ts merges gsi3 instead); entries of tickets stored before
    // stay until the ticket is next written whole. The projection is unchanged so a deployed
    // table needs no index rebuild.
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', include: [...OWNER, ...TICKET_LIST, 'address', 'kind'] },
    // tickets of an org by creation time; a ticket's mail Message-IDs (mail-channel/mail-refs.ts reads them by id)
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: [...OWNER, ...TICKET_LIST, 'messageId'] },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: [...OWNER, ...TICKET_LIST] }, // by org + status, update time
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', include: [...OWNER, ...TICKET_LIST] }, // by org + assignee (or unassigned), update time
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', include: [...OWNER, ...TICKET_LIST] }, // by org + requester email, update time
    // sparse: by org, next pending SLA breach (sla-policies/upcoming-breaches.ts reads the tickets by id)
    { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', include: [...OWNER, 'orgId', 'ticketId', 'slaNextBreachAt'] },
  ] satisfies IndexDefinition[],
} as const;

/** DynamoDB's limits on INCLUDE attribute names: 20 per index, 100 summed over the table's indexes. */
export const MAX_PROJECTED_ATTRIBUTES = { perIndex: 20, total: 100 } as const;

export type GlobalIndexName = (typeof TABLE.globalIndexes)[number]['name'];

/**
 * An ElectroDB index on one of the table's GSIs, its key fields taken from the definition
 * above: entities name the index, never its attribute names.
 */
export function onGlobalIndex<const N extends GlobalIndexName, const P extends readonly string[], const S extends readonly string[]>(
  name: N, pk: P, sk: S,
) {
  const index = TABLE.globalIndexes.find((candidate) => candidate.name === name)!;
  return { index: name, pk: { field: index.partitionKey, composite: pk }, sk: { field: index.sortKey, composite: sk } } as const;
}

/**
 * The one definition of the single table: keys, indexes, TTL and stream.
 * Read by the CDK stack (lib/) and by the local bootstrap (bin/local), so the two cannot drift.
 */
export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'ttl',
  stream: 'NEW_AND_OLD_IMAGES' as const,
  /** Every GSI projects ALL: a list page is served by its index without a fetch per item. */
  globalIndexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }, // tickets of an org by update time
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' }, // tickets of an org by creation time
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' }, // by org + status, update time
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' }, // by org + assignee (or unassigned), update time
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' }, // by org + requester email, update time
    { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' }, // sparse: by org, next pending SLA breach
  ] satisfies IndexDefinition[],
} as const;

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

import type { Deps } from '../store/store';

const KEEP_SECONDS = 30 * 86_400;

/**
 * Keeps what a webhook brought that became no message (30 days): under the channel when one
 * has the id, else under the Meta id itself (`unrouted`).
 */
export async function recordMeta(
  deps: Deps,
  scope: { orgId: string; channelId: string } | { kind: string; externalId: string },
  record: { kind: string; field?: string; summary: string },
): Promise<void> {
  const now = deps.now();
  await deps.store.entities.metaRecord.put({
    scope: 'orgId' in scope ? `org#${scope.orgId}#${scope.channelId}` : `unrouted#${scope.kind}#${scope.externalId}`,
    recordId: `${now.toISOString()}#${deps.newId()}`,
    kind: record.kind,
    field: record.field,
    summary: record.summary.slice(0, 8000),
    at: now.toISOString(),
    ttl: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
  }).go();
}

/** The records of a channel or of an unrouted Meta id, newest first. */
export async function listMetaRecords(deps: Deps, scope: string, limit = 50) {
  const { data } = await deps.store.entities.metaRecord.query.byScope({ scope }).go({ order: 'desc', limit });
  return data;
}

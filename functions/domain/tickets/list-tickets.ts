import type { ListTicketsQuery } from '../../../schemas/tickets';
import { type Caller, isStaff } from '../caller';
import { InvalidCursorError } from '../errors';
import { openCursor, queryFingerprint, sealCursor } from '../store/cursor';
import type { Deps } from '../store/store';
import { normaliseEmail } from './access';
import { ticketScopeOf } from '../team/agent-scope';
import { readTickets } from '../store/read-tickets';
import type { Ticket } from './ticket.entity';
import { pageAcrossStatuses, positionOf, positionText } from './list-across-statuses';
import { type ListCondition, type RangeQuery, type TimeRange, applyRange, toUtc, withConditions } from './ticket-list-query';

export interface TicketPage {
  items: Ticket[];
  nextCursor: string | null;
}

/**
 * A page of the organization's tickets, newest first by default, from the index that fits
 * the filters best (assignee, requester, status, or the whole organization: its status
 * partitions merged); the other filters apply to that index's items. Customers only ever list what they requested.
 * @throws InvalidCursorError when the cursor is not one this query issued.
 */
export async function listTickets(deps: Deps, caller: Caller, query: ListTicketsQuery): Promise<TicketPage> {
  const filters = { ...query, requesterEmail: query.requesterEmail && normaliseEmail(query.requesterEmail) };
  if (!isStaff(caller)) {
    const own = normaliseEmail(caller.email);
    if (filters.requesterEmail && filters.requesterEmail !== own) return { items: [], nextCursor: null };
    filters.requesterEmail = own;
  }
  const scope = await ticketScopeOf(deps, caller);
  if (scope.kind === 'assigned') {
    // An agent who sees only their own tickets lists their assignee partition.
    if (filters.assigneeId && filters.assigneeId !== caller.userId) return { items: [], nextCursor: null };
    filters.assigneeId = caller.userId;
  }
  if (filters.customStatusId && !filters.status) {
    // A custom status lives in one category: list that status's partition, filtered to it.
    const { data: custom } = await deps.store.entities.customStatus.get({ orgId: caller.orgId, statusId: filters.customStatusId }).go();
    if (!custom) return { items: [], nextCursor: null };
    filters.status = custom.category;
  }
  const { cursor: _cursor, limit: _limit, ...queried } = filters;
  const fingerprint = queryFingerprint(caller.orgId, queried);
  const storeCursor = openCursor(query.cursor, fingerprint);
  const orgId = caller.orgId;
  const tickets = deps.store.entities.ticket.query;
  const bySort = query.sort;

  // The key picks the partition; the sort key is the requested ordering.
  let keyed: 'assignee' | 'requester' | 'status' | 'org';
  let base;
  if (bySort === 'createdAt') {
    keyed = 'org';
    base = tickets.byOrgCreated({ orgId });
  } else if (filters.assigneeId) {
    keyed = 'assignee';
    base = tickets.byAssignee({ orgId, assigneeKey: filters.assigneeId });
  } else if (filters.requesterEmail) {
    keyed = 'requester';
    base = tickets.byRequester({ orgId, requesterEmail: filters.requesterEmail });
  } else if (filters.status) {
    keyed = 'status';
    base = tickets.byStatus({ orgId, status: filters.status });
  } else {
    keyed = 'org';
  }
  const sortRange: TimeRange = bySort === 'createdAt'
    ? { from: filters.createdFrom, to: filters.createdTo }
    : { from: filters.updatedFrom, to: filters.updatedTo };

  const other = bySort === 'createdAt' ? 'updated' : 'created';
  const otherFrom = filters[`${other}From`];
  const otherTo = filters[`${other}To`];
  const conditions: ListCondition[] = [];
  if (filters.status && keyed !== 'status') conditions.push((a, op) => op.eq(a.status, filters.status));
  if (filters.assigneeId && keyed !== 'assignee') conditions.push((a, op) => op.eq(a.assigneeKey, filters.assigneeId));
  if (filters.requesterEmail && keyed !== 'requester') conditions.push((a, op) => op.eq(a.requesterEmail, filters.requesterEmail));
  if (filters.priority) conditions.push((a, op) => op.eq(a.priority, filters.priority));
  if (filters.category) conditions.push((a, op) => op.eq(a.category, filters.category));
  if (filters.channel) conditions.push((a, op) => op.eq(a.channel, filters.channel));
  if (filters.type) conditions.push((a, op) => op.eq(a.type, filters.type));
  if (filters.departmentId) conditions.push((a, op) => op.eq(a.departmentId, filters.departmentId));
  if (filters.customStatusId) conditions.push((a, op) => op.eq(a.customStatusId, filters.customStatusId));
  if (scope.kind === 'department') {
    conditions.push((a, op) => `(${[op.eq(a.assigneeKey, caller.userId), op.contains(a.watchers, caller.userId), ...scope.departmentIds.map((d) => op.eq(a.departmentId, d))].join(' OR ')})`);
  }
  if (filters.tag) conditions.push((a, op) => op.contains(a.tags, filters.tag));
  if (otherFrom) conditions.push((a, op) => op.gte(a[`${other}At`], toUtc(otherFrom)));
  if (otherTo) conditions.push((a, op) => op.lte(a[`${other}At`], toUtc(otherTo)));

  if (!base) {
    // The whole organization by update time: its status partitions, merged.
    const after = storeCursor === null ? null : positionOf(storeCursor);
    const { ticketIds, next } = await pageAcrossStatuses(deps, { orgId, order: query.order, limit: query.limit, range: sortRange, conditions, after });
    return { items: await readTickets(deps, orgId, ticketIds), nextCursor: next && sealCursor(positionText(next), fingerprint) };
  }
  const filtered = withConditions(applyRange(base as unknown as RangeQuery, bySort, sortRange), conditions);
  try {
    const page = await filtered.go({
      cursor: storeCursor ?? null,
      count: query.limit,
      // Read one page of exactly `limit` when the key alone selects; with filters, read
      // larger pages so a page of results costs few round trips.
      limit: conditions.length === 0 ? query.limit : 100,
      order: query.order,
    });
    // The index items hold the keys and filtered attributes only: one BatchGetItem reads the page.
    const items = await readTickets(deps, orgId, (page.data as Ticket[]).map((t) => t.ticketId));
    return { items, nextCursor: sealCursor(page.cursor, fingerprint) };
  } catch (error) {
    if (storeCursor && isBadStartKey(error)) throw new InvalidCursorError();
    throw error;
  }
}

function isBadStartKey(error: unknown): boolean {
  const name = (error as { name?: string; cause?: { name?: string } })?.name ?? '';
  return name === 'ElectroError' || name === 'ValidationException' || (error as { cause?: { name?: string } })?.cause?.name === 'ValidationException';
}

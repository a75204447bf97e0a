import type { Api } from '../core/api';
import type { Capabilities } from '../core/capabilities';
import { CHANNELS, PRIORITIES, PRIORITY_LABEL, STATUSES, STATUS_LABEL, type TicketView, type UserView } from '../core/types';

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterContext {
  api: Api;
  users: UserView[];
  me: string;
}

/**
 * A filter of the ticket list: a control, the query parameter it sets, and (when the client
 * can tell) whether a ticket matches it, so live updates can add or drop rows. A filter
 * appears only when the list route accepts its parameter, so features that add one
 * (departments, categories…) light it up by shipping the route and a line here.
 */
export interface ListFilter {
  /** The list route's query parameter. */
  param: string;
  label: string;
  kind: 'select' | 'text';
  /** Static options, or loaded once from the API. */
  options?: (ctx: FilterContext) => FilterOption[] | Promise<FilterOption[]>;
  /** Turns the control's value into the query value (e.g. "me" into the caller's id). */
  toQuery?: (value: string, ctx: FilterContext) => string;
  matches?: (ticket: TicketView, queryValue: string) => boolean;
  /** Another route the options come from. */
  requires?: string;
}

export const LIST_FILTERS: ListFilter[] = [
  {
    param: 'status', label: 'Status', kind: 'select',
    options: () => STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s]! })),
    matches: (t, v) => t.status === v,
  },
  {
    param: 'priority', label: 'Priority', kind: 'select',
    options: () => PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p]! })),
    matches: (t, v) => t.priority === v,
  },
  {
    param: 'assigneeId', label: 'Assignee', kind: 'select',
    options: ({ users }) => [
      { value: 'me', label: 'Mine' },
      { value: 'unassigned', label: 'Unassigned' },
      ...users.filter((u) => u.role !== 'customer' && u.active).map((u) => ({ value: u.id, label: u.name })),
    ],
    toQuery: (v, { me }) => (v === 'me' ? me : v),
    matches: (t, v) => (v === 'unassigned' ? t.assigneeId === null : t.assigneeId === v),
  },
  {
    param: 'departmentId', label: 'Department', kind: 'select', requires: 'GET /v1/departments',
    options: async ({ api }) => ((await api.get<{ items: { id: string; name: string }[] }>('/v1/departments')).items ?? []).map((d) => ({ value: d.id, label: d.name })),
  },
  {
    param: 'category', label: 'Category', kind: 'text',
    matches: (t, v) => t.category === v,
  },
  {
    param: 'channel', label: 'Channel', kind: 'select',
    options: () => CHANNELS.map((c) => ({ value: c, label: c[0]!.toUpperCase() + c.slice(1) })),
    matches: (t, v) => t.channel === v,
  },
  { param: 'tag', label: 'Tag', kind: 'text', matches: (t, v) => t.tags.includes(v) },
];

/** The filters this deployment's list route accepts (and whose option source exists). */
export function availableFilters(caps: Capabilities): ListFilter[] {
  return LIST_FILTERS.filter((f) => caps.acceptsQuery('GET /v1/tickets', f.param) && (!f.requires || caps.has(f.requires)));
}

/** Whether a ticket belongs in the list under these query values; undefined when a filter cannot tell. */
export function matchesAll(ticket: TicketView, query: Record<string, string>, filters: ListFilter[]): boolean | undefined {
  for (const [param, value] of Object.entries(query)) {
    if (!value) continue;
    const filter = filters.find((f) => f.param === param);
    if (!filter) continue;
    if (!filter.matches) return undefined;
    if (!filter.matches(ticket, value)) return false;
  }
  return true;
}

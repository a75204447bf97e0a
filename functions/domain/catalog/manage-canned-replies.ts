import type { CannedReplyInput, CannedReplyPatch, CannedReplyQuery, CannedReplyView } from '../../../schemas/catalog';
import type { Caller } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Deps } from '../store/store';
import { UnknownVariableError } from '../team/errors';
import { assertStaff } from '../tickets/access';
import { loadTicket } from '../tickets/load-ticket';
import type { CannedReply } from './catalog.entities';
import { renderTemplate, unknownVariables, variablesOf } from './render-canned-reply';

export const toCannedReplyView = (r: CannedReply): CannedReplyView => ({
  id: r.cannedReplyId, title: r.title, body: r.body, shortcut: r.shortcut ?? null, categoryIds: r.categoryIds, shared: r.shared,
  ownerId: r.ownerId, variables: variablesOf(r.body), updatedAt: r.updatedAt,
});

const visibleTo = (caller: Caller, reply: CannedReply) => reply.shared || reply.ownerId === caller.userId;

/**
 * The canned replies the caller may use (shared ones and their own), optionally only those
 * whose title, shortcut or body contain `q` (case-insensitive) or that fit a category. The
 * per-org list is small: one Query of its partition, filtered here.
 */
export async function listCannedReplies(deps: Deps, caller: Caller, query: CannedReplyQuery): Promise<CannedReply[]> {
  assertStaff(caller, 'use canned replies');
  const { data } = await deps.store.entities.cannedReply.query.byOrg({ orgId: caller.orgId }).go({ pages: 'all' });
  const needle = query.q?.toLocaleLowerCase();
  return data
    .filter((r) => visibleTo(caller, r))
    .filter((r) => !query.categoryId || r.categoryIds.length === 0 || r.categoryIds.includes(query.categoryId))
    .filter((r) => !needle || [r.title, r.shortcut ?? '', r.body].some((text) => text.toLocaleLowerCase().includes(needle)))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** @throws NotFoundError when missing or another agent's private reply. */
export async function getCannedReply(deps: Deps, caller: Caller, cannedReplyId: string): Promise<CannedReply> {
  assertStaff(caller, 'use canned replies');
  const { data } = await deps.store.entities.cannedReply.get({ orgId: caller.orgId, cannedReplyId }).go();
  if (!data || !visibleTo(caller, data)) throw new NotFoundError('canned reply', cannedReplyId);
  return data;
}

export async function createCannedReply(deps: Deps, caller: Caller, input: CannedReplyInput): Promise<CannedReply> {
  assertStaff(caller, 'write canned replies');
  const at = deps.now().toISOString();
  const item: CannedReply = {
    orgId: caller.orgId, cannedReplyId: deps.newId(), title: input.title, body: input.body, shortcut: input.shortcut,
    categoryIds: input.categoryIds ?? [], shared: input.shared, ownerId: caller.userId, createdAt: at, updatedAt: at,
  };
  await deps.store.entities.cannedReply.create(item).go();
  return item;
}

/** Its author, or an admin or supervisor for shared ones, may change or delete a reply. */
function assertMayEdit(caller: Caller, reply: CannedReply) {
  const lead = caller.role === 'admin' || caller.role === 'supervisor';
  if (reply.ownerId !== caller.userId && !(lead && reply.shared)) throw new ForbiddenError('only its author or a supervisor may change this reply');
}

export async function updateCannedReply(deps: Deps, caller: Caller, cannedReplyId: string, patch: CannedReplyPatch): Promise<CannedReply> {
  const current = await getCannedReply(deps, caller, cannedReplyId);
  assertMayEdit(caller, current);
  const { shortcut, ...rest } = patch;
  const next: CannedReply = { ...current, ...rest, shortcut: shortcut === null ? undefined : shortcut ?? current.shortcut, updatedAt: deps.now().toISOString() };
  await deps.store.entities.cannedReply.put(next).go();
  return next;
}

export async function deleteCannedReply(deps: Deps, caller: Caller, cannedReplyId: string): Promise<void> {
  const current = await getCannedReply(deps, caller, cannedReplyId);
  assertMayEdit(caller, current);
  await deps.store.entities.cannedReply.delete({ orgId: caller.orgId, cannedReplyId }).go();
}

/**
 * A canned reply's body rendered for a ticket: ticket number and subject, the requester's and
 * the agent's names, the organization's name.
 * @throws NotFoundError (reply or ticket), UnknownVariableError (422 naming the variables)
 */
export async function renderCannedReply(deps: Deps, caller: Caller, ticketId: string, cannedReplyId: string): Promise<string> {
  const reply = await getCannedReply(deps, caller, cannedReplyId);
  const unknown = unknownVariables(reply.body);
  if (unknown.length) throw new UnknownVariableError(unknown);
  const [ticket, { data: org }] = await Promise.all([
    loadTicket(deps, caller, ticketId),
    deps.store.entities.organization.get({ orgId: caller.orgId }).go(),
  ]);
  return renderTemplate(reply.body, {
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject,
    'requester.name': ticket.requesterName ?? ticket.requesterEmail,
    'agent.name': caller.name ?? caller.email,
    'organization.name': org?.name ?? '',
  });
}

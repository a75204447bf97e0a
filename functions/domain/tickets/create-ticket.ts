import { isStaffRole } from '../../../schemas/roles';
import type { CreateTicketBody } from '../../../schemas/ticket-create';
import { type Caller, isStaff } from '../caller';
import { type AttachmentClaim, claimAttachmentOp } from '../attachments/attach-uploads';
import { BusyError, ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import type { Deps } from '../store/store';
import { normaliseEmail } from './access';
import { activityOf } from './activities';
import { type QuotaWindow, takeCreationQuota } from './creation-quota';
import { messageEventData } from './message-event';
import { forgetTicketNumbers, nextTicketSequence } from './number-blocks';
import { formatTicketNumber, yearOf } from './numbering';
import { slaStarter } from './ticket-sla';
import { checkTicketFields } from '../catalog/check-ticket-fields';
import { assertDepartmentsExist } from '../team/manage-departments';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';
import type { AlsoItems } from './ticket-writes';

/** A channel's first customer message, written in the same transaction as the ticket (mail). */
export type FirstMessage = Pick<Message, 'body'>
  & Partial<Pick<Message, 'messageId' | 'rawObjectKey' | 'mailMessageId' | 'attachments' | 'rejectedAttachments' | 'html'
    | 'createdAt' | 'metaMessageId' | 'metaType' | 'metaDetails'>>;

/** An inbound mail's Message-ID, recorded with the ticket so its thread is complete when the event is read. */
export type InboundMailRef = { messageId: string; mailbox?: string };

/** The entities a create's transaction can write besides its own items (a channel's lookups). */
type TransactionEntities = Parameters<Parameters<Deps['store']['transaction']['write']>[0]>[0];
type AnyCommit = { [K in keyof TransactionEntities]: ReturnType<ReturnType<TransactionEntities[K]['put']>['commit']> }[keyof TransactionEntities];
export type ExtraWrites = (entities: TransactionEntities, ticket: Ticket) => AnyCommit[];

/**
 * Opens a ticket with the next number of the organization's yearly sequence. The number comes
 * from the counter item's atomic ADD, outside the ticket's transaction, a block of numbers at a
 * time (`number-blocks.ts`): concurrent creates never contend for it (no read, no condition, no
 * retry), and a busy organization's create usually needs no round trip for it at all.
 * The ticket, its number lookup and its `ticket.created` activity then commit together. What can
 * be checked first is checked before a number is taken (an assignee who is not staff here, a
 * caller-chosen id that already exists), so a number is skipped only when the write fails after
 * allocation (the store down, the assignee removed in between, an uploaded file taken by a
 * concurrent write). A creator's hourly quota is taken before the number too.
 * @throws ForbiddenError when a customer files for someone else or assigns.
 * @throws RuleViolationError when staff omit the requester or name an assignee who is not staff here.
 * @throws TooManyTicketsError past `options.quota`; NotFoundError when a claimed upload was taken meanwhile.
 * With `options.ticketId` the create is idempotent: the same id again returns the ticket made first.
 */
export async function createTicket(
  deps: Deps,
  caller: Caller,
  input: CreateTicketBody,
  channel = 'api',
  options: {
    ticketId?: string;
    firstMessage?: FirstMessage;
    /** Kept on the ticket: the chat it came from. */
    chatId?: string;
    /** More items that must commit with the ticket (e.g. the web form's tracking token). */
    alsoWrite?: ExtraWrites;
    /** Uploaded files the first message takes (needs `firstMessage`), claimed in the ticket's transaction. */
    claims?: readonly AttachmentClaim[];
    /** The creator's hourly window: TooManyTicketsError beyond its limit. */
    quota?: QuotaWindow;
    /** The inbound mail's Message-ID, written with the ticket. */
    mailRef?: InboundMailRef;
    /** Channel facts set once at creation (WhatsApp/Instagram channel and contact). */
    fields?: Partial<Pick<Ticket, 'metaChannelId' | 'metaContactId' | 'lastInboundAt'>>;
    /** A channel's own items (its lookup items), committed with the ticket or not at all. */
    also?: AlsoItems;
  } = {},
): Promise<Ticket> {
  const requester = requesterFor(caller, input);
  if (input.assigneeId && !isStaff(caller)) throw new ForbiddenError('customers may not assign tickets');
  if (input.departmentId && !isStaff(caller)) throw new ForbiddenError('customers may not choose a department');
  if (input.departmentId) await assertDepartmentsExist(deps, caller.orgId, [input.departmentId], '#/departmentId');
  await checkTicketFields(deps, caller, input, { categoryChanged: true, fieldsChanged: true, requireAll: channel === 'api' });
  if (options.ticketId) {
    const existing = await existingTicket(deps, caller.orgId, options.ticketId);
    if (existing) return existing;
  }
  if (input.assigneeId) await assertAssignable(deps, caller.orgId, input.assigneeId);
  if (options.quota) await takeCreationQuota(deps, caller.orgId, options.quota);
  const ticketId = options.ticketId ?? deps.newId();
  const firstMessageId = options.firstMessage ? (options.firstMessage.messageId ?? deps.newId()) : undefined;
  const startSla = await slaStarter(deps, caller.orgId, {
    priority: input.priority, category: input.category, channel, requesterEmail: requester.email,
  });
  const now = deps.now();
  const year = yearOf(now);
  const sequence = await nextTicketSequence(deps, caller.orgId, year);
  const ticket: Ticket = {
    orgId: caller.orgId,
    ticketId,
    number: formatTicketNumber(year, sequence),
    subject: input.subject,
    description: input.description,
    status: 'new',
    priority: input.priority,
    category: input.category,
    type: input.type,
    departmentId: input.departmentId,
    tags: [...new Set(input.tags)],
    customFields: input.customFields,
    requesterEmail: requester.email,
    requesterName: requester.name,
    requesterPhone: requester.phone,
    createdById: caller.userId,
    assigneeId: input.assigneeId,
    assigneeKey: input.assigneeId ?? 'unassigned',
    escalationTier: 0,
    escalated: false,
    channel,
    ...(options.chatId ? { chatId: options.chatId } : {}),
    messageCount: options.firstMessage ? 1 : 0,
    noteCount: 0,
    lastMessageAt: now.toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    ...options.fields,
    ...startSla(now),
  };
  const created = activityOf(ticket, 'ticket.created', caller, deps.newId(), {
    data: { number: ticket.number, priority: ticket.priority, channel, assigneeId: ticket.assigneeId ?? null },
  });
  const first: Message | undefined = options.firstMessage && {
    ...options.firstMessage,
    orgId: caller.orgId, ticketId, messageId: firstMessageId!, internal: false, authorId: caller.userId,
    authorRole: caller.role, authorName: caller.name, channel, createdAt: options.firstMessage.createdAt ?? ticket.createdAt,
  };
  const firstAdded = first && activityOf(ticket, 'ticket.message.added', caller, deps.newId(), { data: messageEventData(first) });
  const claims = first ? options.claims ?? [] : [];
  const { canceled, data } = await deps.store.transaction
    .write((entities) => [
      entities.ticket.create(ticket).commit(),
      entities.ticketNumber.create({ orgId: caller.orgId, number: ticket.number, ticketId }).commit(),
      entities.activity.create(created).commit(),
      ...(first && firstAdded ? [entities.message.create(first).commit(), entities.activity.create(firstAdded).commit()] : []),
      ...claims.map((claim) => claimAttachmentOp(entities, claim, first!)),
      // After the claims (read by position) and before the assignee check (read from the end).
      ...((options.also?.(entities) ?? []) as never[]),
      ...(options.mailRef
        ? [entities.mailRef.put({ orgId: caller.orgId, ticketId, ...options.mailRef, direction: 'in', createdAt: ticket.createdAt }).commit()]
        : []),
      ...(options.alsoWrite ? options.alsoWrite(entities, ticket) : []),
      ...(input.assigneeId
        ? [entities.user.check({ orgId: caller.orgId, userId: input.assigneeId })
            .where(({ role, active }, { eq, ne }) => `${eq(active, true)} AND ${ne(role, 'customer')}`)
            .commit()]
        : []),
    ])
    .go();
  if (!canceled) return ticket;
  const claimsFrom = first ? 5 : 3;
  const taken = claims.findIndex((_, i) => data[claimsFrom + i]?.code === 'ConditionalCheckFailed');
  if (taken >= 0) throw new NotFoundError('attachment', claims[taken].attachment.attachmentId);
  if (options.ticketId && data[0]?.code === 'ConditionalCheckFailed') {
    // The same caller-chosen id won a race with this create (a mail delivered twice at once).
    const existing = await existingTicket(deps, caller.orgId, options.ticketId);
    if (existing) return existing;
  }
  if (input.assigneeId && data.at(-1)?.code === 'ConditionalCheckFailed') {
    throw new RuleViolationError(`${input.assigneeId} is not an active agent of this organization`, '#/assigneeId');
  }
  // The number was given out already: this container's block is stale; the retry takes a new one.
  if (data[1]?.code === 'ConditionalCheckFailed') forgetTicketNumbers(deps, caller.orgId, year);
  throw new BusyError('the ticket could not be written; retry shortly');
}

async function existingTicket(deps: Deps, orgId: string, ticketId: string): Promise<Ticket | undefined> {
  const { data } = await deps.store.entities.ticket.get({ orgId, ticketId }).go({ consistent: true });
  return data ?? undefined;
}

async function assertAssignable(deps: Deps, orgId: string, userId: string): Promise<void> {
  const { data } = await deps.store.entities.user.get({ orgId, userId }).go();
  if (!data || data.active !== true || !isStaffRole(data.role)) {
    throw new RuleViolationError(`${userId} is not an active agent of this organization`, '#/assigneeId');
  }
}

function requesterFor(caller: Caller, input: CreateTicketBody) {
  if (!isStaff(caller)) {
    if (input.requester && normaliseEmail(input.requester.email) !== normaliseEmail(caller.email)) {
      throw new ForbiddenError('customers file tickets for themselves only');
    }
    return { email: normaliseEmail(caller.email), name: input.requester?.name ?? caller.name, phone: input.requester?.phone };
  }
  if (!input.requester) throw new RuleViolationError('staff must name the requester the ticket is for', '#/requester');
  return { ...input.requester, email: normaliseEmail(input.requester.email) };
}

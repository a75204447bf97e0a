import * as z from 'zod';
import { Id } from './common';
import { TicketView } from './tickets';

import { LinkKind } from './ticket-enums';

export { LinkKind } from './ticket-enums';

/** The kind the other ticket records for the same link. */
export const MIRROR_KIND: Readonly<Record<LinkKind, LinkKind>> = { related: 'related', duplicate: 'duplicate', parent: 'child', child: 'parent' };

export const MergeTicketBody = z
  .strictObject({ targetTicketId: Id.describe('The ticket this one is merged into; it keeps going, this one closes') })
  .meta({ id: 'MergeTicketBody' });
export type MergeTicketBody = z.infer<typeof MergeTicketBody>;

export const MergeResult = z
  .object({
    source: TicketView.describe('The merged ticket: closed, `mergedInto` set'),
    target: TicketView.describe('The ticket that now holds both threads'),
    copiedMessages: z.number().int().describe('Messages (replies and notes) copied onto the target'),
  })
  .meta({ id: 'MergeResult' });

/** At most this many messages are split out at once (one request, a bounded copy). */
export const MAX_SPLIT_MESSAGES = 100;

export const SplitTicketBody = z
  .strictObject({
    messageIds: z.array(Id).min(1).max(MAX_SPLIT_MESSAGES)
      .refine((ids) => new Set(ids).size === ids.length, 'message ids must be distinct')
      .describe('Messages of this ticket that open the new one (copied: this ticket keeps its whole thread)'),
    subject: z.string().trim().min(1).max(250).optional().describe('Default: "Split from <number>: <subject>"'),
  })
  .meta({ id: 'SplitTicketBody' });
export type SplitTicketBody = z.infer<typeof SplitTicketBody>;

export const SplitResult = z
  .object({
    source: TicketView.describe('The ticket split from, now linked to the new one as its parent'),
    ticket: TicketView.describe('The new ticket (a child of the source)'),
    copiedMessages: z.number().int(),
  })
  .meta({ id: 'SplitResult' });

export const TicketLinkParams = z.strictObject({ ticketId: Id, otherTicketId: Id });

export const LinkTicketsBody = z
  .strictObject({ kind: LinkKind.describe('What the other ticket is to this one: parent means the other is this one\'s parent') })
  .meta({ id: 'LinkTicketsBody' });
export type LinkTicketsBody = z.infer<typeof LinkTicketsBody>;

export const LinkResult = z
  .object({ ticket: TicketView, other: TicketView })
  .meta({ id: 'LinkResult' });

/** Most links one ticket carries (they live on the ticket item, so its view needs no further read). */
export const MAX_LINKS = 50;

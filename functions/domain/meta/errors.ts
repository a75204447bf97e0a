import { DomainError } from '../errors';

/** A free-text reply to a WhatsApp/Instagram customer more than 24 h after they last wrote. */
export class MessagingWindowClosedError extends DomainError {
  readonly code = 'messaging-window-closed';
  readonly title = 'Messaging Window Closed';
  constructor(closedAt: Date | undefined) {
    super(closedAt
      ? `the customer last wrote more than 24 hours ago: the window closed at ${closedAt.toISOString()}; send an approved template instead`
      : 'the customer has not written on this ticket yet, so there is no open window; send an approved template instead');
    this.extensions = { windowClosedAt: closedAt?.toISOString() ?? null };
  }
}

/** A Meta id (phone number id, Instagram account id) that another channel already has. */
export class ChannelTakenError extends DomainError {
  readonly code = 'channel-taken';
  readonly title = 'Channel Already Connected';
  constructor(kind: string, externalId: string) {
    super(`the ${kind} account ${externalId} is already connected to a channel`);
  }
}

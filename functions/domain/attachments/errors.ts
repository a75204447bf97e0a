import { DomainError } from '../errors';

/** A file the helpdesk will not take (size, executable, type that does not match its content): 422. */
export class AttachmentRefusedError extends DomainError {
  readonly code = 'attachment-refused';
  readonly title = 'Attachment Refused';
  constructor(message: string, pointer: string, reason: string) {
    super(message);
    this.extensions = { reason, errors: [{ pointer, detail: message }] };
  }
}

/** Too many tickets opened by one customer within the window: 429 with Retry-After. */
export class TooManyTicketsError extends DomainError {
  readonly code = 'too-many-tickets';
  readonly title = 'Too Many Requests';
  constructor(limit: number, readonly retryAfterSeconds: number) {
    super(`a customer may open at most ${limit} tickets an hour; retry in ${retryAfterSeconds} s`);
    this.extensions = { limit, retryAfter: retryAfterSeconds };
  }
}

import { DomainError } from '../errors';

/** Why a raw message could not be read as a mail at all. */
export type MalformedMailReason = 'empty' | 'no-header-section' | 'unparseable';

/**
 * The raw bytes are not a mail we can read. The ingest worker keeps the raw object and
 * suspends it with this reason instead of creating a ticket.
 */
export class MalformedMailError extends DomainError {
  readonly code = 'malformed-mail';
  readonly title = 'Malformed Mail';
  constructor(
    readonly reason: MalformedMailReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail);
    if (options?.cause !== undefined) this.cause = options.cause;
    this.extensions = { reason };
  }
}

/**
 * Errors the domain expects. Each carries a stable `code` that becomes the problem type on
 * the wire; anything else reaching a handler is a bug and a 500.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly title: string;
  extensions: Record<string, unknown> = {};
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  readonly title = 'Not Found';
  constructor(what: string, id: string) {
    super(`${what} ${id} does not exist`);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  readonly title = 'Forbidden';
}

export class VersionConflictError extends DomainError {
  readonly code = 'version-conflict';
  readonly title = 'Precondition Failed';
  constructor(id: string, currentVersion?: number) {
    super(`ticket ${id} was changed by someone else; re-read it and retry with its new ETag`);
    if (currentVersion !== undefined) this.extensions = { currentVersion };
  }
}

export class IllegalTransitionError extends DomainError {
  readonly code = 'illegal-transition';
  readonly title = 'Illegal Status Transition';
  constructor(from: string, to: string, allowed: readonly string[], why?: string) {
    super(why ?? `a ticket cannot go from ${from} to ${to}`);
    this.extensions = { from, to, allowed };
  }
}

/** A request that is well-formed but breaks a business rule (422). */
export class RuleViolationError extends DomainError {
  readonly code = 'rule-violation';
  readonly title = 'Unprocessable Content';
  constructor(message: string, pointer?: string) {
    super(message);
    if (pointer) this.extensions = { errors: [{ pointer, detail: message }] };
  }
}

export class InvalidCursorError extends DomainError {
  readonly code = 'invalid-cursor';
  readonly title = 'Invalid Cursor';
  constructor() {
    super('the cursor is malformed, expired or belongs to another query; start again without it');
    // The cursor is a query parameter: RFC 9457 errors name it by `parameter`, as other query errors do.
    this.extensions = { errors: [{ parameter: 'cursor', detail: 'not a cursor for this query' }] };
  }
}

/** Contention the domain could not resolve by retrying (e.g. the ticket counter under a storm). */
export class BusyError extends DomainError {
  readonly code = 'busy';
  readonly title = 'Service Busy';
}

import { DomainError } from '../errors';

/** A merge the tickets' state forbids (already merged, target closed or merged itself): 409. */
export class MergeConflictError extends DomainError {
  readonly code = 'merge-conflict';
  readonly title = 'Conflict';
  constructor(message: string, pointer?: string) {
    super(message);
    if (pointer) this.extensions = { errors: [{ pointer, detail: message }] };
  }
}

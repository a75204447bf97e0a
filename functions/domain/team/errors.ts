import { DomainError } from '../errors';

/** A team or catalog change that collides with what exists (in use, taken, has children): 409. */
export class TeamConflictError extends DomainError {
  readonly code = 'team-conflict';
  readonly title = 'Conflict';
}

/** Ticket custom fields that break their definitions (type, option, required): 400 with pointers. */
export class InvalidCustomFieldsError extends DomainError {
  readonly code = 'invalid-custom-fields';
  readonly title = 'Invalid Custom Fields';
  constructor(errors: { pointer: string; detail: string }[]) {
    super(`custom fields do not match their definitions: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`);
    this.extensions = { errors };
  }
}

/** A canned reply names a variable the renderer does not know: 422 naming it. */
export class UnknownVariableError extends DomainError {
  readonly code = 'unknown-template-variable';
  readonly title = 'Unknown Template Variable';
  constructor(variables: string[]) {
    super(`the canned reply uses unknown variable(s): ${variables.map((v) => `{{${v}}}`).join(', ')}`);
    this.extensions = { variables, errors: [{ pointer: '#/cannedReplyId', detail: `unknown variable ${variables.map((v) => `{{${v}}}`).join(', ')}` }] };
  }
}

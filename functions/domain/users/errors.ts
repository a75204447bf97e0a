import { DomainError } from '../errors';

/** Another entry of the organization's directory holds the address (409). */
export class EmailTakenError extends DomainError {
  readonly code = 'email-taken';
  readonly title = 'Email Taken';
  constructor(email: string) {
    super(`${email} belongs to another user of this organization`);
    this.extensions = { errors: [{ pointer: '#/email', detail: 'taken' }] };
  }
}

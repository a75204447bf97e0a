import { DomainError } from '../errors';

/** A settings change computed from a version that is no longer current (If-Match stale): 412. */
export class SettingsVersionConflictError extends DomainError {
  readonly code = 'version-conflict';
  readonly title = 'Precondition Failed';
  constructor(currentVersion: number) {
    super(`the settings changed meanwhile (now version ${currentVersion}); re-read them and retry with the new ETag`);
    this.extensions = { currentVersion };
  }
}

/** Settings that fail their schema once merged (`errors[]` points at each field): 400. */
export class InvalidSettingsError extends DomainError {
  readonly code = 'invalid-settings';
  readonly title = 'Invalid Settings';
  constructor(errors: { pointer: string; detail: string }[]) {
    super('the settings failed validation');
    this.extensions = { errors };
  }
}

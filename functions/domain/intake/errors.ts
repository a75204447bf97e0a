import { DomainError } from '../errors';

/** The slug is another organization's (409). */
export class SlugTakenError extends DomainError {
  readonly code = 'slug-taken';
  readonly title = 'Slug Taken';
  constructor(slug: string) {
    super(`the public name "${slug}" belongs to another organization`);
    this.extensions = { errors: [{ pointer: '#/slug', detail: 'taken' }] };
  }
}

/** Too many submissions in the current window (429); `retryAfterSeconds` becomes Retry-After. */
export class RateLimitedError extends DomainError {
  readonly code = 'rate-limited';
  readonly title = 'Too Many Requests';
  constructor(readonly scope: 'email' | 'ip' | 'upload', limit: number, readonly retryAfterSeconds: number) {
    const what = scope === 'upload' ? 'uploads' : 'submissions';
    super(`more than ${limit} ${what} per hour from this ${scope === 'email' ? 'email address' : 'network address'}; retry in ${retryAfterSeconds} s`);
    this.extensions = { limit, retryAfter: retryAfterSeconds };
  }
}

/** The CAPTCHA answer is missing or was refused by the verifier (400 on the captchaToken field). */
export class CaptchaRefusedError extends DomainError {
  readonly code = 'captcha-refused';
  readonly title = 'CAPTCHA Refused';
  constructor(reason: string) {
    super(reason);
    this.extensions = { errors: [{ pointer: '#/captchaToken', detail: reason }] };
  }
}

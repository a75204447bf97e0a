import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DomainError } from '../../domain/errors';
import type { Problem } from '../../../schemas/common';

export const PROBLEM_BASE = 'https://helpdesk.dev/problems';

/** A failure of the HTTP exchange itself (token, content type, size, JSON, schema, preconditions). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

const DOMAIN_STATUS: Record<string, number> = {
  'not-found': 404,
  forbidden: 403,
  'version-conflict': 412,
  'invalid-settings': 400,
  'illegal-transition': 409,
  'rule-violation': 422,
  'invalid-cursor': 400,
  'mailbox-taken': 409,
  'primary-mailbox-required': 409,
  'mailbox-conflict': 409,
  busy: 503,
  'sla-policy-conflict': 409,
  'sla-policy-limit': 409,
  'sla-already-paused': 409,
  'sla-not-paused': 409,
  'sla-clock-stopped': 409,
  'already-rated': 409,
  'invalid-sla-calendar': 400,
  'sla-calendar-without-business-hours': 400,
  'webhook-url-refused': 400,
  'webhook-disabled': 409,
  'slug-taken': 409,
  'email-taken': 409,
  'rate-limited': 429,
  'captcha-refused': 400,
  'messaging-window-closed': 409,
  'channel-taken': 409,
  'team-conflict': 409,
  'invalid-custom-fields': 400,
  'unknown-template-variable': 422,
  'too-many-tickets': 429,
  'legal-hold': 409,
  'merge-conflict': 409,
};

/** Maps any error to RFC 9457 problem details; what is not expected becomes a bare 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpProblem) {
    return { type: `${PROBLEM_BASE}/${error.code}`, title: error.title, status: error.status, detail: error.message, ...error.extensions };
  }
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.code] ?? 422;
    return { type: `${PROBLEM_BASE}/${error.code}`, title: error.title, status, detail: error.message, ...error.extensions };
  }
  if (error instanceof IdempotencyValidationError) {
    return {
      type: `${PROBLEM_BASE}/idempotency-key-reused`, title: 'Idempotency Key Reused', status: 422,
      detail: 'this Idempotency-Key was already used with a different request body',
    };
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return {
      type: `${PROBLEM_BASE}/idempotency-in-progress`, title: 'Request In Progress', status: 409,
      detail: 'a request with this Idempotency-Key is still being processed; retry shortly',
    };
  }
  return { type: 'about:blank', title: 'Internal Server Error', status: 500 };
}

export function problemResponse(problem: Problem): APIGatewayProxyResultV2 {
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      ...(problem.status === 429 && typeof problem.retryAfter === 'number' ? { 'retry-after': String(problem.retryAfter) } : {}),
    },
    body: JSON.stringify(problem),
  };
}

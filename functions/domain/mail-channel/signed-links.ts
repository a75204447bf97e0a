import { DomainError } from '../errors';
import type { LinkSigner } from '../ports/link-signer';

/** What a mailed link lets its holder do, without signing in. */
export type LinkPurpose = 'survey' | 'unsubscribe';

export interface LinkClaims {
  purpose: LinkPurpose;
  orgId: string;
  /** The requester's address: the link acts as them. */
  email: string;
  ticketId?: string;
  /** Unix seconds. */
  expiresAt: number;
}

/** The link is forged, altered, expired or meant for something else. */
export class InvalidLinkError extends DomainError {
  readonly code = 'invalid-link';
  readonly title = 'Invalid Link';
  constructor(detail = 'the link is not valid (altered, expired or for something else); use the latest mail') {
    super(detail);
  }
}

const SURVEY_DAYS = 30;
const UNSUBSCRIBE_DAYS = 365;

/** A compact token `<claims>.<mac>` (base64url) for a link. */
export async function createLinkToken(signer: LinkSigner, claims: Omit<LinkClaims, 'expiresAt'>, now: Date): Promise<string> {
  const days = claims.purpose === 'survey' ? SURVEY_DAYS : UNSUBSCRIBE_DAYS;
  const full: LinkClaims = { ...claims, expiresAt: Math.floor(now.getTime() / 1000) + days * 86_400 };
  const body = Buffer.from(JSON.stringify([full.purpose, full.orgId, full.email, full.ticketId ?? '', full.expiresAt]));
  const mac = await signer.sign(body);
  return `${body.toString('base64url')}.${mac.toString('base64url')}`;
}

/**
 * The claims of a token made by `createLinkToken` for `purpose`.
 * @throws InvalidLinkError when it is malformed, its MAC does not verify, it expired, or it is for another purpose.
 */
export async function readLinkToken(signer: LinkSigner, token: string, purpose: LinkPurpose, now: Date): Promise<LinkClaims> {
  const [encoded, encodedMac, extra] = token.split('.');
  if (!encoded || !encodedMac || extra !== undefined || token.length > 2000) throw new InvalidLinkError();
  const body = Buffer.from(encoded, 'base64url');
  if (!(await signer.verify(body, Buffer.from(encodedMac, 'base64url')))) throw new InvalidLinkError();
  let fields: unknown;
  try {
    fields = JSON.parse(body.toString('utf8'));
  } catch {
    throw new InvalidLinkError();
  }
  if (!Array.isArray(fields) || fields.length !== 5) throw new InvalidLinkError();
  const [p, orgId, email, ticketId, expiresAt] = fields as [string, string, string, string, number];
  if (p !== purpose) throw new InvalidLinkError();
  if (typeof expiresAt !== 'number' || expiresAt * 1000 < now.getTime()) throw new InvalidLinkError('the link has expired');
  return { purpose, orgId, email, ...(ticketId ? { ticketId } : {}), expiresAt };
}

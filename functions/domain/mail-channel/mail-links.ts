import type { Caller } from '../caller';
import type { Deps } from '../store/store';
import { rateTicket, type TicketRatingValue } from '../tickets/rate-ticket';
import type { LinkSigner } from '../ports/link-signer';
import { readLinkToken } from './signed-links';

// What the links in customer mail do without a sign-in: rate a ticket once, and stop survey mail.

const requesterOf = (orgId: string, email: string): Caller => ({ orgId, userId: `email:${email}`, email, name: email, role: 'customer' });

/**
 * Records the requester's rating from a survey link (once: the ticket keeps the first).
 * @throws InvalidLinkError, and what rateTicket throws (AlreadyRatedError, NotFoundError, ...).
 */
export async function rateByLink(
  deps: Deps,
  signer: LinkSigner,
  input: { token: string; score: number; comment?: string },
): Promise<{ ticketNumber: string; rating: TicketRatingValue }> {
  const claims = await readLinkToken(signer, input.token, 'survey', deps.now());
  const rating = await rateTicket(deps, requesterOf(claims.orgId, claims.email), claims.ticketId!, {
    score: input.score, ...(input.comment ? { comment: input.comment } : {}),
  });
  const { data } = await deps.store.entities.ticket.get({ orgId: claims.orgId, ticketId: claims.ticketId! }).go();
  return { ticketNumber: data?.number ?? '', rating };
}

/** The ticket a survey link is for (to show it on the survey page). @throws InvalidLinkError */
export async function surveyOfLink(deps: Deps, signer: LinkSigner, token: string) {
  const claims = await readLinkToken(signer, token, 'survey', deps.now());
  const { data } = await deps.store.entities.ticket.get({ orgId: claims.orgId, ticketId: claims.ticketId! }).go();
  return { number: data?.number ?? '', subject: data?.subject ?? '', rated: !!data?.rating };
}

/** Stops survey mail to the link's address in its organization. Idempotent. @throws InvalidLinkError */
export async function unsubscribeByLink(deps: Deps, signer: LinkSigner, token: string): Promise<{ email: string }> {
  const claims = await readLinkToken(signer, token, 'unsubscribe', deps.now());
  await deps.store.entities.mailOptOut.put({ orgId: claims.orgId, email: claims.email, topic: 'surveys', createdAt: deps.now().toISOString() }).go();
  return { email: claims.email };
}

export async function optedOutOfSurveys(deps: Deps, orgId: string, email: string): Promise<boolean> {
  const { data } = await deps.store.entities.mailOptOut.get({ orgId, email, topic: 'surveys' }).go();
  return !!data;
}

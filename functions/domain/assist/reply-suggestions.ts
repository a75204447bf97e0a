import MiniSearch from 'minisearch';
import type { ReplyDraft } from '../../../schemas/kb';
import type { Caller } from '../caller';
import { listCannedReplies } from '../catalog/manage-canned-replies';
import { renderTemplate, unknownVariables } from '../catalog/render-canned-reply';
import { HostedAssistError } from '../ports/assist';
import type { Deps } from '../store/store';
import { assertStaff } from '../tickets/access';
import { getTicketThread } from '../tickets/get-ticket';
import { searchArticles } from '../kb/search-index';
import { logger } from '../../observability';
import { assistSettingsOf } from './assist-settings';
import type { AssistPorts } from './suggest';
import { detectLanguage, processTerm } from './text';

/** Most drafts offered. */
export const MAX_DRAFTS = 3;

/** Ranks canned replies for a text with a throw-away index (an organization's canned replies are few). Pure. */
export function rankCannedReplies<R extends { cannedReplyId: string; title: string; body: string; categoryIds: string[] }>(
  replies: readonly R[], text: string, categoryId: string | undefined,
): { reply: R; score: number }[] {
  if (replies.length === 0) return [];
  const index = new MiniSearch<{ id: string; title: string; body: string }>({
    fields: ['title', 'body'], processTerm: (t) => processTerm(t) ?? null, searchOptions: { boost: { title: 2 }, prefix: (t) => t.length >= 4 },
  });
  index.addAll(replies.map((r) => ({ id: r.cannedReplyId, title: r.title, body: r.body })));
  const byId = new Map(replies.map((r) => [r.cannedReplyId, r]));
  return index.search(text, { combineWith: 'OR' }).map((hit) => {
    const reply = byId.get(String(hit.id))!;
    // A reply written for the ticket's category is a better fit than an equally worded other one.
    const fit = categoryId && reply.categoryIds.includes(categoryId) ? 1.5 : 1;
    return { reply, score: hit.score * fit };
  }).sort((a, b) => b.score - a.score);
}

/**
 * Up to three reply drafts for a ticket, each with its sources: the best-matching canned
 * replies (rendered for the ticket) and public articles (an internal one is never offered to
 * send), ranked by their match with the ticket's subject, description and the requester's last
 * message, scores scaled to [0, 1]. With the organization's hosted model on, a model draft
 * grounded in the thread and the top articles comes first. Staff only.
 * @throws ForbiddenError, NotFoundError
 */
export async function replySuggestions(deps: Deps, ports: AssistPorts, caller: Caller, ticketId: string): Promise<ReplyDraft[]> {
  assertStaff(caller, 'ask for reply drafts');
  const thread = await getTicketThread(deps, caller, ticketId);
  const { ticket } = thread;
  // The description may also be the first message (some channels store both): keep it once.
  const publicMessages = thread.messages.filter((m) => !m.internal && m.body !== ticket.description);
  const lastFromCustomer = [...publicMessages].reverse().find((m) => m.authorRole === 'customer')?.body ?? '';
  const text = `${ticket.subject}\n${ticket.description}\n${lastFromCustomer}`.slice(0, 1000);
  const [canned, articles, { data: org }, settings] = await Promise.all([
    listCannedReplies(deps, caller, {}),
    searchArticles(deps, ports.objects, caller.orgId, text, { limit: MAX_DRAFTS, audience: 'public' }),
    deps.store.entities.organization.get({ orgId: caller.orgId }).go(),
    assistSettingsOf(deps, caller.orgId),
  ]);
  const values = {
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject,
    'requester.name': ticket.requesterName ?? ticket.requesterEmail,
    'agent.name': caller.name ?? caller.email,
    'organization.name': org?.name ?? '',
  };
  const greeting = `Hi ${ticket.requesterName ?? 'there'},`;
  const candidates: ReplyDraft[] = [
    ...rankCannedReplies(canned.filter((r) => unknownVariables(r.body).length === 0), text, ticket.category).slice(0, MAX_DRAFTS)
      .map(({ reply, score }) => ({
        body: renderTemplate(reply.body, values), score, sources: [{ kind: 'canned-reply' as const, id: reply.cannedReplyId, title: reply.title }],
      })),
    ...articles.map((a) => ({
      body: `${greeting}\n\nThis article should answer your question: "${a.title}".\n\n${a.snippet}${a.snippet.length >= 200 ? '…' : ''}\n\n`
        + `Let us know if anything is still unclear.\n\n${values['agent.name']}`,
      score: a.score,
      sources: [{ kind: 'article' as const, id: a.id, title: a.title }],
    })),
  ];
  const top = Math.max(...candidates.map((c) => c.score), 0);
  const ranked = candidates
    .map((c) => ({ ...c, score: top > 0 ? Math.round((c.score / top) * 1000) / 1000 : 0 }))
    .sort((a, b) => b.score - a.score);

  if (settings.provider === 'bedrock' && settings.modelId) {
    // The Markdown renderer loads only for a model draft, not for every suggestion.
    const { plainTextOf } = await import('../kb/render-markdown');
    const grounding = await Promise.all(articles.map(async (a) => {
      const { data } = await deps.store.entities.kbArticle.get({ orgId: caller.orgId, articleId: a.id }).go();
      return { id: a.id, title: a.title, text: data ? plainTextOf(data.body) : a.snippet };
    }));
    try {
      const body = await ports.assist.draftReply({
        modelId: settings.modelId,
        organizationName: org?.name ?? '',
        subject: ticket.subject,
        thread: [
          { from: 'customer' as const, body: ticket.description },
          ...publicMessages.map((m) => ({ from: m.authorRole === 'customer' ? 'customer' as const : 'agent' as const, body: m.body })),
        ],
        articles: grounding,
        language: detectLanguage(`${ticket.subject}\n${ticket.description}`),
      });
      const cited = grounding.filter((a) => body.includes(`[${a.id}]`));
      ranked.unshift({
        body, score: 1,
        sources: [{ kind: 'model', id: settings.modelId, title: 'Hosted model draft' }, ...(cited.length ? cited : grounding).map((a) => ({ kind: 'article' as const, id: a.id, title: a.title }))],
      });
    } catch (error) {
      if (!(error instanceof HostedAssistError)) throw error;
      logger.warn('hosted reply draft failed; offline drafts only', { error: error.message });
    }
  }
  return ranked.slice(0, MAX_DRAFTS);
}

import type { AssistSettings, AssistSuggestion } from '../../../schemas/kb';
import type { Caller } from '../caller';
import { isStaff } from '../caller';
import { ForbiddenError } from '../errors';
import type { Ports } from '../ports';
import { HostedAssistError } from '../ports/assist';
import type { Deps } from '../store/store';
import { searchArticles } from '../kb/search-index';
import { logger } from '../../observability';
import { assistSettingsOf } from './assist-settings';
import { classify, countsOfItem } from './naive-bayes';
import { priorityOf, sentimentOf } from './sentiment';
import { detectLanguage, tokens } from './text';

export type AssistPorts = Pick<Ports, 'objects' | 'assist'>;

/** How many articles a suggestion names. */
const ARTICLES = 3;

/** The organization's categories a suggestion may name: not archived. One Query. */
export async function liveCategories(deps: Deps, orgId: string) {
  const { data } = await deps.store.entities.category.query.byOrg({ orgId }).go({ pages: 'all' });
  return data.filter((c) => !c.archived);
}

/**
 * The offline classifier's best category for a text, from the organization's model (one Query
 * of its few model items). Null without enough history: never a guess.
 */
export async function offlineCategory(deps: Deps, orgId: string, text: string, live: ReadonlySet<string>) {
  const { data } = await deps.store.entities.assistModel.query.byOrg({ orgId }).go({ pages: 'all' });
  const model = data.filter((item) => live.has(item.categoryId)).map((item) => countsOfItem(item as never));
  const [best] = classify(model, tokens(text));
  return best ? { id: best.categoryId, confidence: Math.round(best.probability * 1000) / 1000 } : null;
}

/**
 * What the assistant suggests for a ticket text: category (offline naive Bayes over the
 * organization's own resolved tickets, or the organization's hosted model), priority from
 * urgency and sentiment, sentiment, language and the best-matching articles (staff view:
 * public and internal). Reads only this organization's items.
 */
export async function suggestForText(
  deps: Deps, ports: AssistPorts, orgId: string, input: { subject: string; description: string }, settings?: AssistSettings,
): Promise<AssistSuggestion> {
  const text = `${input.subject}\n${input.description}`;
  const sentiment = sentimentOf(text);
  const chosen = settings ?? (await assistSettingsOf(deps, orgId));
  const categories = await liveCategories(deps, orgId);
  const live = new Set(categories.map((c) => c.categoryId));
  const [articles, category] = await Promise.all([
    searchArticles(deps, ports.objects, orgId, text.slice(0, 500), { limit: ARTICLES, audience: 'staff' }).catch((error) => {
      logger.warn('article search failed for a suggestion', { error: (error as Error).message });
      return [];
    }),
    hostedOrOfflineCategory(deps, ports, orgId, input, chosen, categories, live),
  ]);
  return {
    category: category.value,
    priority: priorityOf(text, sentiment),
    sentiment,
    articles: articles.map((a) => ({ id: a.id, title: a.title, score: a.score })),
    language: detectLanguage(text),
    provider: category.provider,
  };
}

async function hostedOrOfflineCategory(
  deps: Deps, ports: AssistPorts, orgId: string, input: { subject: string; description: string }, settings: AssistSettings,
  categories: { categoryId: string; name: string }[], live: ReadonlySet<string>,
): Promise<{ value: AssistSuggestion['category']; provider: 'offline' | 'bedrock' }> {
  const text = `${input.subject}\n${input.description}`;
  if (settings.provider === 'bedrock' && settings.modelId && categories.length > 0) {
    try {
      const answer = await ports.assist.classify({
        modelId: settings.modelId, subject: input.subject, description: input.description,
        categories: categories.map((c) => ({ id: c.categoryId, name: c.name })),
      });
      return { value: answer.categoryId ? { id: answer.categoryId, confidence: answer.confidence } : null, provider: 'bedrock' };
    } catch (error) {
      if (!(error instanceof HostedAssistError)) throw error;
      logger.warn('hosted assistant failed; offline suggestion instead', { error: error.message });
    }
  }
  return { value: await offlineCategory(deps, orgId, text, live), provider: 'offline' };
}

/** POST /v1/assist/suggest: staff only. @throws ForbiddenError */
export async function suggest(deps: Deps, ports: AssistPorts, caller: Caller, input: { subject: string; description: string }) {
  if (!isStaff(caller)) throw new ForbiddenError('only staff ask the assistant');
  return suggestForText(deps, ports, caller.orgId, input);
}

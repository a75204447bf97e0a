import * as z from 'zod';
import { Id, IsoInstant } from './common';
import { OrgSlug } from './intake';
export { AssistSuggestion, Sentiment } from './assist';

/** Knowledge base and assist (issue 19): articles, search, suggestions, reply drafts, deflections. */

export const ArticleStatus = z.enum(['draft', 'published']).meta({ id: 'ArticleStatus' });
export const ArticleAudience = z.enum(['public', 'internal']).meta({ id: 'ArticleAudience' });

const Tag = z.string().trim().min(1).max(50);

export const ArticleInput = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.string().min(1).max(100_000).describe('Markdown; rendered to sanitised HTML'),
    tags: z.array(Tag).max(20).optional(),
    categoryId: Id.optional(),
    status: ArticleStatus.default('draft'),
    audience: ArticleAudience.default('internal'),
  })
  .meta({ id: 'ArticleInput' });
export type ArticleInput = z.infer<typeof ArticleInput>;

export const ArticlePatch = z
  .strictObject({
    title: ArticleInput.shape.title,
    body: ArticleInput.shape.body,
    tags: z.array(Tag).max(20),
    categoryId: Id.nullable(),
    status: ArticleStatus,
    audience: ArticleAudience,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'at least one field to change')
  .meta({ id: 'ArticlePatch' });
export type ArticlePatch = z.infer<typeof ArticlePatch>;

export const ArticleView = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string().describe('The Markdown source'),
    html: z.string().describe('The Markdown rendered and sanitised'),
    tags: z.array(z.string()),
    categoryId: z.string().nullable(),
    status: ArticleStatus,
    audience: ArticleAudience,
    version: z.number().int(),
    authorId: z.string(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
  })
  .meta({ id: 'Article' });
export type ArticleView = z.infer<typeof ArticleView>;

/** What a customer or the public page reads: no source, no author. */
export const PublicArticleView = z
  .object({ id: z.string(), title: z.string(), html: z.string(), tags: z.array(z.string()), updatedAt: IsoInstant })
  .meta({ id: 'PublicArticle' });
export type PublicArticleView = z.infer<typeof PublicArticleView>;

export const ArticleList = z.object({ items: z.array(ArticleView) }).meta({ id: 'ArticleList' });
export const ArticleVersionView = z
  .object({ version: z.number().int(), title: z.string(), body: z.string(), status: ArticleStatus, audience: ArticleAudience, authorId: z.string(), at: IsoInstant })
  .meta({ id: 'ArticleVersion' });
export const ArticleVersionList = z.object({ items: z.array(ArticleVersionView) }).meta({ id: 'ArticleVersionList' });

export const ArticleIdParams = z.strictObject({ articleId: Id });
export const ArticleListQuery = z.strictObject({ status: ArticleStatus.optional(), audience: ArticleAudience.optional() });
export const PublicArticleParams = z.strictObject({ slug: OrgSlug, articleId: Id });

export const KbSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type KbSearchQuery = z.infer<typeof KbSearchQuery>;
export const KbHit = z
  .object({ id: z.string(), title: z.string(), score: z.number(), audience: ArticleAudience, snippet: z.string() })
  .meta({ id: 'KbHit' });
export type KbHit = z.infer<typeof KbHit>;
export const KbSearchResult = z.object({ items: z.array(KbHit) }).meta({ id: 'KbSearchResult' });

export const DeflectionBody = z.strictObject({ articleId: Id }).meta({ id: 'DeflectionBody' });
export const DeflectionQuery = z.strictObject({
  from: z.iso.date().optional().describe('First day (UTC), default 30 days ago'),
  to: z.iso.date().optional().describe('Last day (UTC), default today'),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] });
export const DeflectionStats = z
  .object({ total: z.number().int(), days: z.array(z.object({ day: z.string(), count: z.number().int() })) })
  .meta({ id: 'DeflectionStats' });

export const AssistSuggestBody = z
  .strictObject({ subject: z.string().trim().min(1).max(500), description: z.string().max(20_000).default('') })
  .meta({ id: 'AssistSuggestBody' });
export type AssistSuggestBody = z.infer<typeof AssistSuggestBody>;

const assistFields = {
  provider: z.enum(['offline', 'bedrock']),
  modelId: z.string().min(1).max(200).regex(/^[A-Za-z0-9.:_/-]+$/, 'not a model id').optional()
    .describe('Bedrock model or inference profile id (provider bedrock)'),
  autoApply: z.boolean().describe('Apply category and priority on new tickets when confident'),
  threshold: z.number().min(0).max(1).describe('Confidence at or above which autoApply acts'),
};
const bedrockNeedsModel: [(s: { provider: string; modelId?: string }) => boolean, { message: string; path: string[] }] = [
  (s) => s.provider !== 'bedrock' || !!s.modelId,
  { message: 'the bedrock provider needs a modelId', path: ['modelId'] },
];

/** The assistant setting as stored in the organization settings (`settings.assist`). */
export const AssistConfig = z.strictObject(assistFields).refine(...bedrockNeedsModel).meta({ id: 'AssistConfig' });

/** PUT /v1/assist/settings: the whole assistant setting, omitted fields at their defaults. */
export const AssistSettings = z
  .strictObject({
    ...assistFields,
    provider: assistFields.provider.default('offline'),
    autoApply: assistFields.autoApply.default(false),
    threshold: assistFields.threshold.default(0.7),
  })
  .refine(...bedrockNeedsModel)
  .meta({ id: 'AssistSettings' });
export type AssistSettings = z.infer<typeof AssistSettings>;

export const ReplySource = z.object({ kind: z.enum(['canned-reply', 'article', 'model']), id: z.string(), title: z.string() });
export const ReplyDraft = z
  .object({ body: z.string(), score: z.number(), sources: z.array(ReplySource) })
  .meta({ id: 'ReplyDraft' });
export type ReplyDraft = z.infer<typeof ReplyDraft>;
export const ReplySuggestions = z.object({ items: z.array(ReplyDraft) }).meta({ id: 'ReplySuggestions' });

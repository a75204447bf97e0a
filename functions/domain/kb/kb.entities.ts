import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

/**
 * A knowledge base article: the current version, in its organization's article partition (a
 * knowledge base is small: hundreds to a few thousand articles; listing one is one Query).
 * Every save also writes an immutable version item under the article's own key.
 */
export const kbArticleEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'kbArticle', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        articleId: { type: 'string', required: true, readOnly: true },
        title: { type: 'string', required: true },
        body: { type: 'string', required: true },
        html: { type: 'string', required: true },
        tags: { type: 'list', items: { type: 'string' }, required: true },
        categoryId: { type: 'string' },
        status: { type: ['draft', 'published'] as const, required: true },
        audience: { type: ['public', 'internal'] as const, required: true },
        version: { type: 'number', required: true },
        authorId: { type: 'string', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['articleId'] } },
      },
    },
    config,
  );

/** One saved version of an article (its history); never changed after it is written. */
export const kbArticleVersionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'kbArticleVersion', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        articleId: { type: 'string', required: true, readOnly: true },
        version: { type: 'number', required: true, readOnly: true, padding: { length: 6, char: '0' } },
        title: { type: 'string', required: true, readOnly: true },
        body: { type: 'string', required: true, readOnly: true },
        status: { type: ['draft', 'published'] as const, required: true, readOnly: true },
        audience: { type: ['public', 'internal'] as const, required: true, readOnly: true },
        authorId: { type: 'string', required: true, readOnly: true },
        at: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byArticle: { pk: { field: 'pk', composite: ['orgId', 'articleId'] }, sk: { field: 'sk', composite: ['version'] } },
      },
    },
    config,
  );

/**
 * Where an organization's search index is and which build it is. The index itself (a serialised
 * MiniSearch) lives in the object store; searchers compare `build` with the one they hold.
 */
export const kbIndexEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'kbIndex', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        build: { type: 'string', required: true },
        objectKey: { type: 'string', required: true },
        /** The build before this one: kept while containers may still be loading it, deleted by the next build. */
        previousObjectKey: { type: 'string' },
        articleCount: { type: 'number', required: true },
        builtAt: { type: 'string', required: true },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

/** Deflections of one organization on one UTC day: a counter moved by ADD (no read before write). */
export const kbDeflectionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'kbDeflection', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        day: { type: 'string', required: true, readOnly: true },
        count: { type: 'number', required: true, default: 0 },
      },
      indexes: {
        byOrg: { pk: { field: 'pk', composite: ['orgId'] }, sk: { field: 'sk', composite: ['day'] } },
      },
    },
    config,
  );

/** Public knowledge base calls per IP and hour (search, deflections): a TTL'd ADD counter. */
export const kbRateEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { service: 'helpdesk', entity: 'kbRate', version: '1' },
      attributes: {
        orgId: { type: 'string', required: true, readOnly: true },
        subject: { type: 'string', required: true, readOnly: true },
        window: { type: 'string', required: true, readOnly: true },
        count: { type: 'number', required: true, default: 0 },
        ttl: { type: 'number' },
      },
      indexes: {
        byWindow: { pk: { field: 'pk', composite: ['orgId', 'subject', 'window'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    config,
  );

export type KbArticle = EntityItem<ReturnType<typeof kbArticleEntity>>;
export type KbArticleVersion = EntityItem<ReturnType<typeof kbArticleVersionEntity>>;
export type KbIndex = EntityItem<ReturnType<typeof kbIndexEntity>>;

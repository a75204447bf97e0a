import { beforeAll, describe, expect, it } from 'vitest';
import { RuleViolationError } from '../../../../functions/domain/errors';
import { createArticle, listArticles, updateArticle } from '../../../../functions/domain/kb/manage-articles';
import type { Deps } from '../../../../functions/domain/store/store';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
beforeAll(async () => {
  ({ deps } = await integrationDeps());
  org = await seedOrg(deps);
});

const article = (body: string) => ({ title: 'Sizes', body, audience: 'public', status: 'published', tags: [] }) as never;

describe('knowledge base articles that would not fit their DynamoDB item', () => {
  it('refuses a body within the schema\'s characters but past the item\'s bytes (CJK, markup that escapes), and stores nothing', async () => {
    for (const body of ['中'.repeat(100_000), '<'.repeat(100_000)]) {
      await expect(createArticle(deps, org.admin, article(body))).rejects.toBeInstanceOf(RuleViolationError);
    }
    expect(await listArticles(deps, org.admin, {})).toHaveLength(0);
  });

  it('refuses such a change to an existing article and keeps it as it was', async () => {
    const saved = await createArticle(deps, org.admin, article('ASCII fits: '.repeat(8_000)));
    await expect(updateArticle(deps, org.admin, saved.articleId, { body: '中'.repeat(100_000) } as never)).rejects.toBeInstanceOf(RuleViolationError);
    const [kept] = await listArticles(deps, org.admin, {});
    expect(kept.version).toBe(1);
    expect(kept.body).toBe(saved.body);
  });
});

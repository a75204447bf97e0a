import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../../bin/local/adapters/local-object-store';
import { createArticle } from '../../../../functions/domain/kb/manage-articles';
import { rebuildIndex, searchArticles } from '../../../../functions/domain/kb/search-index';
import type { Deps } from '../../../../functions/domain/store/store';
import { integrationDeps, seedOrg } from '../../../support/integration-store';

let deps: Deps;
let org: Awaited<ReturnType<typeof seedOrg>>;
let clock = Date.parse('2026-03-01T10:00:00Z');
const dir = mkdtempSync(path.join(tmpdir(), 'kb-index-'));
const objects = new LocalObjectStore(dir);
const builds = () => readdirSync(path.join(dir, 'kb-index', org.orgId)).sort();

beforeAll(async () => {
  ({ deps } = await integrationDeps(() => new Date(clock)));
  org = await seedOrg(deps);
  await createArticle(deps, org.admin, { title: 'Reset your password', body: 'Use the reset link.', audience: 'public', status: 'published', tags: [] } as never);
});

describe('rebuildIndex (DynamoDB Local, a folder as the object store)', () => {
  it('keeps the current build and the one before it, deletes older ones, and a stale rebuild removes only its own object', async () => {
    const first = await rebuildIndex(deps, objects, org.orgId);
    clock += 1000;
    const second = await rebuildIndex(deps, objects, org.orgId);
    expect(builds()).toEqual([`${first.build}.json`, `${second.build}.json`]);
    clock += 1000;
    const third = await rebuildIndex(deps, objects, org.orgId);
    expect(builds()).toEqual([`${second.build}.json`, `${third.build}.json`]);

    // A rebuild that read before the current one (a slow worker) never moves the pointer back.
    clock -= 5000;
    const late = await rebuildIndex(deps, objects, org.orgId);
    expect(late.stale).toBe(true);
    expect(builds()).toEqual([`${second.build}.json`, `${third.build}.json`]);
    const { data: pointer } = await deps.store.entities.kbIndex.get({ orgId: org.orgId }).go();
    expect(pointer).toMatchObject({ build: third.build, previousObjectKey: `kb-index/${org.orgId}/${second.build}.json` });
    expect((await searchArticles(deps, objects, org.orgId, 'password', { limit: 5, audience: 'public' })).map((h) => h.title)).toEqual(['Reset your password']);
  });
});

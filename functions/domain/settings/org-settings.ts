import { OrganizationSettings, SETTINGS, type SettingsPatch, type SettingsView } from '../../../schemas/settings';
import type { Caller } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import { outboxJobOf } from '../outbox/outbox-jobs';
import type { Deps } from '../store/store';
import { InvalidSettingsError, SettingsVersionConflictError } from './errors';

export type { OrganizationSettings } from '../../../schemas/settings';

type Key = keyof typeof SETTINGS;
const KEYS = Object.keys(SETTINGS) as Key[];
const ATTEMPTS = 3;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `patch` over `base`, objects merged key by key (a JSON merge patch without deletes). Pure. */
function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = mergeDeep(base[key], value);
  return out;
}

/**
 * The typed settings of a stored `settings` attribute: each setting as stored when it is valid
 * (objects completed from their defaults), its default otherwise. Keys stored by hand before
 * this module existed (`limits.customerTicketsPerHour`, `autoCloseDays`, `notifications`,
 * `agentScope`) keep their meaning. Pure; throws nothing.
 */
export function settingsOf(stored: unknown): OrganizationSettings {
  const raw = isPlainObject(stored) ? stored : {};
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    const { schema, fallback } = SETTINGS[key];
    const parsed = (schema as import('zod').ZodType).safeParse(mergeDeep(fallback, raw[key]));
    out[key] = parsed.success ? parsed.data : fallback;
  }
  return out as OrganizationSettings;
}

/** What a new organization starts with: every default, version 0. */
export const newOrganizationSettings = (): OrganizationSettings => settingsOf({});

interface SettingsRecord {
  view: SettingsView;
  raw: Record<string, unknown>;
  exists: boolean;
}

async function readRecord(deps: Deps, orgId: string, consistent = false): Promise<SettingsRecord> {
  const { data } = await deps.store.entities.organization.get({ orgId }).go({ consistent });
  return {
    exists: Boolean(data),
    raw: isPlainObject(data?.settings) ? data.settings : {},
    view: {
      version: data?.settingsVersion ?? 0,
      updatedAt: data?.settingsUpdatedAt ?? null,
      updatedBy: data?.settingsUpdatedBy ?? null,
      settings: settingsOf(data?.settings),
    },
  };
}

/**
 * The one reader of organization settings: one GetItem, every setting typed with its default.
 * Every part of the product that needs a setting reads it here.
 */
export async function readSettings(deps: Deps, orgId: string, consistent = false): Promise<OrganizationSettings> {
  return (await readRecord(deps, orgId, consistent)).view.settings;
}

/**
 * For hot paths (an agent's every ticket read): a container keeps an organization's settings
 * for a short while, so a busy console costs one GetItem per organization per half minute.
 * A change reaches other containers within that time (this one at once).
 */
const CACHE_TTL_MS = 30_000;
const cache = new Map<string, { settings: OrganizationSettings; until: number }>();
export async function cachedSettings(deps: Deps, orgId: string): Promise<OrganizationSettings> {
  const hit = cache.get(orgId);
  if (hit && hit.until > Date.now()) return hit.settings;
  const settings = await readSettings(deps, orgId);
  if (cache.size > 10_000) cache.clear();
  cache.set(orgId, { settings, until: Date.now() + CACHE_TTL_MS });
  return settings;
}

/** The settings with their version (GET /v1/settings). @throws ForbiddenError for non-admins. */
export async function getSettings(deps: Deps, caller: Caller): Promise<SettingsView> {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins read the settings');
  return (await readRecord(deps, caller.orgId, true)).view;
}

/**
 * Changes settings (admin): the patch is merged over the current settings, the result
 * validated whole, and written with the next version and an audit item (who, when, each
 * setting's from/to) in one transaction guarded by the version read. Without
 * `expectedVersion` a lost race is re-read and re-applied; with it, it is a 412.
 * A patch that changes nothing writes nothing. With `replace`, each setting in the patch
 * replaces the stored one whole (a PUT of one setting) instead of merging into it. A change of
 * the weekly summary also commits the job that brings the organization's schedule in line
 * (functions/domain/analytics/weekly-schedule).
 * @throws ForbiddenError, NotFoundError, SettingsVersionConflictError, InvalidSettingsError
 */
export async function updateSettings(
  deps: Deps, caller: Caller, patch: SettingsPatch, expectedVersion?: number, { replace = false } = {},
): Promise<SettingsView> {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins change organization settings');
  const { orgId } = caller;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const record = await readRecord(deps, orgId, true);
    if (!record.exists) throw new NotFoundError('organization', orgId);
    const { version, settings: current } = record.view;
    if (expectedVersion !== undefined && expectedVersion !== version) throw new SettingsVersionConflictError(version);
    const merged = replace ? { ...current, ...patch } : mergeDeep(current, patch);
    const parsed = OrganizationSettings.safeParse(merged);
    if (!parsed.success) {
      throw new InvalidSettingsError(parsed.error.issues.map((i) => ({ pointer: `#/${i.path.map(String).join('/')}`, detail: i.message })));
    }
    const next = parsed.data;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of KEYS) {
      if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changes[key] = { from: current[key], to: next[key] };
    }
    if (Object.keys(changes).length === 0) return record.view;
    const at = deps.now().toISOString();
    const nextVersion = version + 1;
    const { canceled } = await deps.store.transaction
      .write(({ organization, settingsChange, outboxJob }) => [
        organization
          .patch({ orgId })
          .set({ settings: { ...record.raw, ...next }, settingsVersion: nextVersion, settingsUpdatedAt: at, settingsUpdatedBy: caller.userId })
          // Version 0: a record from before versions (no attribute) or a new organization's.
          .where(({ settingsVersion }, { eq, notExists }) => (version === 0 ? `${notExists(settingsVersion)} OR ${eq(settingsVersion, 0)}` : eq(settingsVersion, version)))
          .commit(),
        settingsChange
          .create({ orgId, version: nextVersion, actorId: caller.userId, actorRole: caller.role, actorName: caller.name, changes, createdAt: at })
          .commit(),
        ...(changes.weeklySummary ? [outboxJob.create(outboxJobOf(deps, orgId, 'job.analytics.weekly-schedule', { orgId, settingsVersion: nextVersion })).commit()] : []),
      ])
      .go();
    if (!canceled) {
      cache.delete(orgId);
      return { version: nextVersion, updatedAt: at, updatedBy: caller.userId, settings: next };
    }
    if (expectedVersion !== undefined) throw new SettingsVersionConflictError(version + 1);
  }
  throw new SettingsVersionConflictError(-1);
}

/** The audit trail of settings changes, newest first (bounded by `limit`). @throws ForbiddenError */
export async function listSettingsChanges(deps: Deps, caller: Caller, limit = 50) {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins read the settings history');
  const { data } = await deps.store.entities.settingsChange.query.byOrg({ orgId: caller.orgId }).go({ order: 'desc', limit });
  return data.map((c) => ({
    version: c.version, actor: { id: c.actorId, role: c.actorRole, name: c.actorName ?? null }, changes: c.changes, at: c.createdAt,
  }));
}

/**
 * Creates an organization's record with every setting at its default (version 0): how seeding
 * and set-up code start an organization, so no one writes settings by hand.
 */
export async function createOrganization(deps: Deps, org: { orgId: string; name: string }): Promise<void> {
  await deps.store.entities.organization
    .create({ orgId: org.orgId, name: org.name, settings: newOrganizationSettings(), settingsVersion: 0, createdAt: deps.now().toISOString() })
    .go();
}

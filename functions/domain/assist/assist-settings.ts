import { AssistSettings } from '../../../schemas/kb';
import type { Caller } from '../caller';
import { ForbiddenError, NotFoundError } from '../errors';
import type { Deps } from '../store/store';

export const DEFAULT_ASSIST: AssistSettings = { provider: 'offline', autoApply: false, threshold: 0.7 };

/**
 * The organization's assistant settings (`settings.assist`), defaults filled in: one GetItem,
 * not the shared settings cache, so a provider an admin just chose is the one used next.
 */
export async function assistSettingsOf(deps: Deps, orgId: string): Promise<AssistSettings> {
  const { data } = await deps.store.entities.organization.get({ orgId }).go();
  const parsed = AssistSettings.safeParse(((data?.settings ?? {}) as Record<string, unknown>).assist ?? {});
  return parsed.success ? parsed.data : DEFAULT_ASSIST;
}

/** Sets `settings.assist` (admins), keeping the other settings. @throws ForbiddenError, NotFoundError */
export async function putAssistSettings(deps: Deps, caller: Caller, settings: AssistSettings): Promise<AssistSettings> {
  if (caller.role !== 'admin') throw new ForbiddenError('only admins change the assistant settings');
  const { data } = await deps.store.entities.organization.get({ orgId: caller.orgId }).go({ consistent: true });
  if (!data) throw new NotFoundError('organization', caller.orgId);
  const current = (data.settings ?? {}) as Record<string, unknown>;
  await deps.store.entities.organization.patch({ orgId: caller.orgId }).set({ settings: { ...current, assist: settings } }).go();
  return settings;
}

/** The stored settings read fresh (no cache): what an admin just saved. */
export async function readAssistSettings(deps: Deps, caller: Caller): Promise<AssistSettings> {
  const { data } = await deps.store.entities.organization.get({ orgId: caller.orgId }).go({ consistent: true });
  const parsed = AssistSettings.safeParse(((data?.settings ?? {}) as Record<string, unknown>).assist ?? {});
  return parsed.success ? parsed.data : DEFAULT_ASSIST;
}
